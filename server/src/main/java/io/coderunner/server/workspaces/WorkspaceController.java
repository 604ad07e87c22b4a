package io.coderunner.server.workspaces;

import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Seed 003's Workspace API: projects, their notes and their files, each user's own. */
@RestController
@Tag(name = "Workspaces")
class WorkspaceController {

    private final WorkspaceService workspaces;
    private final WorkspaceFiles files;

    WorkspaceController(WorkspaceService workspaces, WorkspaceFiles files) {
        this.workspaces = workspaces;
        this.files = files;
    }

    record NameRequest(String name) {
    }

    record NoteRequest(String title, String content) {
    }

    record PathRequest(String path) {
    }

    record ContentRequest(String path, String content) {
    }

    @GetMapping("/workspace/projects")
    @SignedInUser
    @Operation(summary = "The caller's projects")
    List<Map<String, Object>> projects(@AuthenticationPrincipal Caller caller) {
        return workspaces.projects(caller);
    }

    @PostMapping("/workspace/projects")
    @SignedInUser
    @Operation(summary = "Create a project (its name is sanitised: lower case, '-' for spaces)")
    Map<String, Object> create(@AuthenticationPrincipal Caller caller, @RequestBody NameRequest request) {
        return workspaces.create(caller, request.name());
    }

    @DeleteMapping("/workspace/projects/{name}")
    @SignedInUser
    @Operation(summary = "Delete a project with its notes and files")
    Map<String, String> delete(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name) {
        workspaces.delete(caller, name);
        return Map.of("message", "project " + name + " deleted");
    }

    @GetMapping("/workspace/projects/{name}/notes")
    @SignedInUser
    @Operation(summary = "A project's notes, newest first")
    Map<String, Object> notes(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                              @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        return workspaces.notes(caller, name, Page.of(skip, limit, 100));
    }

    @PostMapping("/workspace/projects/{name}/notes")
    @SignedInUser
    @Operation(summary = "Add a note to a project")
    WorkspaceStore.Note addNote(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                                @RequestBody NoteRequest request) {
        return workspaces.addNote(caller, name, request.title(), request.content());
    }

    @PutMapping("/workspace/projects/{name}/notes/{id}")
    @SignedInUser
    @Operation(summary = "Change a note")
    WorkspaceStore.Note updateNote(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                                   @PathVariable("id") long id, @RequestBody NoteRequest request) {
        return workspaces.updateNote(caller, name, id, request.title(), request.content());
    }

    @DeleteMapping("/workspace/projects/{name}/notes/{id}")
    @SignedInUser
    @Operation(summary = "Delete a note")
    Map<String, String> deleteNote(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                                   @PathVariable("id") long id) {
        workspaces.deleteNote(caller, name, id);
        return Map.of("message", "note " + id + " deleted");
    }

    @GetMapping("/workspace/projects/{name}/data")
    @SignedInUser
    @Operation(summary = "The files and folders in a folder of the project (path: relative, empty for its root)")
    Map<String, Object> list(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                             @RequestParam(required = false, defaultValue = "") String path) {
        return Map.of("path", path, "entries", files.list(workspaces.root(caller, name), path));
    }

    @PostMapping("/workspace/projects/{name}/data/upload")
    @SignedInUser
    @Operation(summary = "Upload files (multipart parts named 'files') into a folder of the project (path)")
    Map<String, Object> upload(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                               @RequestParam(required = false, defaultValue = "") String path,
                               @RequestParam(name = "files", required = false) List<MultipartFile> uploads) {
        return Map.of("uploaded", workspaces.upload(caller, name, path, uploads));
    }

    @PostMapping("/workspace/projects/{name}/data/folder")
    @SignedInUser
    @Operation(summary = "Create a folder in the project")
    Map<String, String> folder(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                               @RequestBody PathRequest request) {
        workspaces.createFolder(caller, name, request.path());
        return Map.of("message", "folder created", "path", request.path());
    }

    @PostMapping("/workspace/projects/{name}/data/file")
    @SignedInUser
    @Operation(summary = "Create an empty file in the project (409 when the path is taken)")
    Map<String, String> file(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                             @RequestBody PathRequest request) {
        workspaces.createFile(caller, name, request.path());
        return Map.of("message", "file created", "path", request.path());
    }

    @DeleteMapping("/workspace/projects/{name}/data")
    @SignedInUser
    @Operation(summary = "Delete a file or a folder with everything in it")
    Map<String, String> deletePath(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                                   @RequestParam(required = false, defaultValue = "") String path) {
        workspaces.deletePath(caller, name, path);
        return Map.of("message", "deleted", "path", path);
    }

    @GetMapping("/workspace/projects/{name}/data/download")
    @SignedInUser
    @Operation(summary = "Download a file of the project")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                                                @RequestParam(required = false, defaultValue = "") String path) {
        // Opened without following any link on the way (see BeneathRoot): runs and terminals may change the files meanwhile.
        java.nio.channels.SeekableByteChannel channel = BeneathRoot.open(workspaces.root(caller, name), path);
        long size;
        try {
            size = channel.size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(Path.of(path).getFileName().toString()).build().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(size)
                .body(new InputStreamResource(java.nio.channels.Channels.newInputStream(channel)));
    }

    @GetMapping("/workspace/projects/{name}/data/content")
    @SignedInUser
    @Operation(summary = "Read a text file of the project")
    Map<String, String> content(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                                @RequestParam(required = false, defaultValue = "") String path) {
        return Map.of("path", path, "content", files.readText(workspaces.root(caller, name), path));
    }

    @PutMapping("/workspace/projects/{name}/data/content")
    @SignedInUser
    @Operation(summary = "Save a text file of the project (made when missing)")
    Map<String, String> save(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                             @RequestBody ContentRequest request) {
        workspaces.saveText(caller, name, request.path(), request.content());
        return Map.of("message", "saved", "path", request.path());
    }
}
