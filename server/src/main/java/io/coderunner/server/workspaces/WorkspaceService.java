package io.coderunner.server.workspaces;

import io.coderunner.engine.DirectoryInUseException;
import io.coderunner.engine.Sandbox;
import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/** A user's projects, notes and files; each change is in the system log. */
@Service
class WorkspaceService {

    private final WorkspaceStore store;
    private final WorkspaceFiles files;
    private final WorkspaceSettings settings;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final Sandbox sandbox;

    WorkspaceService(WorkspaceStore store, WorkspaceFiles files, WorkspaceSettings settings, Accounts accounts,
                     ApplicationEventPublisher events, Clock clock, Sandbox sandbox) {
        this.sandbox = sandbox;
        this.store = store;
        this.files = files;
        this.settings = settings;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    List<Map<String, Object>> projects(Caller caller) {
        return store.projects(caller.userId()).stream().map(p -> view(p)).toList();
    }

    Map<String, Object> create(Caller caller, String requested) {
        String name = ProjectNames.sanitize(requested);
        if (!store.create(caller.userId(), name, clock.millis())) {
            throw new ConflictException("a project named '" + name + "' already exists");
        }
        files.createProject(caller.userId(), name);
        log(caller, "create_project", name, null);
        return view(project(caller, name));
    }

    void delete(Caller caller, String name) {
        WorkspaceStore.Project project = project(caller, name);
        // Files first: a deletion that fails (a tree too large, a program still writing) leaves the
        // row, so the project is still listed and the deletion can be retried.
        // Held while it is deleted: no run or terminal can start in it meanwhile, and one that works
        // in it now makes this a 409 rather than a race with what it writes.
        try (Sandbox.DirectoryHold held = sandbox.holdDirectory(files.projectRoot(caller.userId(), project.name()))) {
            files.deleteTree(files.projectRoot(caller.userId(), project.name()));
        } catch (DirectoryInUseException e) {
            throw new io.coderunner.server.http.ConflictException("project '" + project.name() + "' is in use by a run or a "
                    + "terminal session: end the session or wait for the run, then delete it");
        } catch (java.io.UncheckedIOException | io.coderunner.engine.files.HostileTree.TreeTooLargeException e) {
            throw new io.coderunner.server.http.ConflictException("the project's files could not all be deleted ("
                    + e.getMessage() + "); try again when no run or terminal uses them");
        }
        store.delete(project.id());
        log(caller, "delete_project", project.name(), null);
    }

    Map<String, Object> notes(Caller caller, String name, Page page) {
        WorkspaceStore.Project project = project(caller, name);
        return Map.of("notes", store.notes(project.id(), page), "total", store.countNotes(project.id()));
    }

    WorkspaceStore.Note addNote(Caller caller, String name, String title, String content) {
        WorkspaceStore.Project project = project(caller, name);
        long id = store.addNote(project.id(), title(title), content(content), clock.millis());
        log(caller, "create_note", project.name(), "note " + id);
        return store.note(project.id(), id).orElseThrow();
    }

    WorkspaceStore.Note updateNote(Caller caller, String name, long id, String title, String content) {
        WorkspaceStore.Project project = project(caller, name);
        WorkspaceStore.Note note = store.note(project.id(), id).orElseThrow(() -> new NotFoundException("note " + id + " not found"));
        store.updateNote(project.id(), id, title == null ? note.title() : title(title), content == null ? note.content() : content(content),
                clock.millis());
        log(caller, "update_note", project.name(), "note " + id);
        return store.note(project.id(), id).orElseThrow();
    }

    void deleteNote(Caller caller, String name, long id) {
        WorkspaceStore.Project project = project(caller, name);
        if (!store.deleteNote(project.id(), id)) {
            throw new NotFoundException("note " + id + " not found");
        }
        log(caller, "delete_note", project.name(), "note " + id);
    }

    Path root(Caller caller, String name) {
        return files.projectRoot(caller.userId(), project(caller, name).name());
    }

    List<Map<String, Object>> upload(Caller caller, String name, String folder, List<MultipartFile> uploads) {
        Path root = root(caller, name);
        if (uploads == null || uploads.isEmpty()) {
            throw new BadRequestException("files are required: multipart parts named 'files'");
        }
        long incoming = uploads.stream().mapToLong(MultipartFile::getSize).sum();
        requireRoom(caller, incoming);
        List<Map<String, Object>> saved = new java.util.ArrayList<>();
        for (MultipartFile upload : uploads) {
            String fileName = upload.getOriginalFilename() == null ? "" : Path.of(upload.getOriginalFilename()).getFileName().toString();
            if (fileName.isBlank() || fileName.equals("..") || fileName.equals(".")) {
                throw new BadRequestException("every uploaded file needs a name");
            }
            String relative = folder == null || folder.isBlank() ? fileName : folder.replaceAll("/+$", "") + "/" + fileName;
            try {
                long size = files.write(root, relative, upload.getInputStream());
                saved.add(Map.of("path", relative, "size", size));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        log(caller, "upload_files", name, saved.size() + " files, " + incoming + " bytes");
        return saved;
    }

    void saveText(Caller caller, String name, String relative, String content) {
        Path root = root(caller, name);
        byte[] bytes = (content == null ? "" : content).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > WorkspaceFiles.MAX_TEXT_BYTES) {
            throw new BadRequestException("content is larger than " + WorkspaceFiles.MAX_TEXT_BYTES + " bytes: upload it as a file");
        }
        requireRoom(caller, bytes.length);
        files.write(root, relative, new ByteArrayInputStream(bytes));
        log(caller, "save_file", name, relative);
    }

    void createFile(Caller caller, String name, String relative) {
        files.createFile(root(caller, name), relative);
        log(caller, "create_file", name, relative);
    }

    void createFolder(Caller caller, String name, String relative) {
        files.createFolder(root(caller, name), relative);
        log(caller, "create_folder", name, relative);
    }

    void deletePath(Caller caller, String name, String relative) {
        files.delete(root(caller, name), relative);
        log(caller, "delete_file", name, relative);
    }

    long storageLimit(Caller caller) {
        return settings.storageBytes(accounts.tierOf(caller).level());
    }

    private void requireRoom(Caller caller, long incoming) {
        long limit = settings.storageBytes(accounts.tierOf(caller).level());
        long used = files.usage(files.userRoot(caller.userId()));
        if (used + incoming > limit) {
            throw new ForbiddenException("workspace storage of " + (limit / (1024 * 1024)) + " MB (" + accounts.tierOf(caller).name()
                    + " tier) would be exceeded: " + used + " bytes used, " + incoming + " more sent");
        }
    }

    private WorkspaceStore.Project project(Caller caller, String name) {
        return store.project(caller.userId(), name == null ? "" : name.strip().toLowerCase())
                .orElseThrow(() -> new NotFoundException("project '" + name + "' not found"));
    }

    private Map<String, Object> view(WorkspaceStore.Project project) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", project.name());
        view.put("created_at", Timestamps.iso(project.createdAt()));
        view.put("size", files.usage(files.projectRoot(project.userId(), project.name())));
        view.put("note_count", store.countNotes(project.id()));
        return view;
    }

    private static String title(String title) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw new BadRequestException("title must be 1 to 200 characters");
        }
        return title.strip();
    }

    private static String content(String content) {
        if (content != null && content.length() > 100_000) {
            throw new BadRequestException("content must be at most 100000 characters");
        }
        return content == null ? "" : content;
    }

    private void log(Caller caller, String action, String project, String details) {
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), action, "workspace", project, details));
    }
}
