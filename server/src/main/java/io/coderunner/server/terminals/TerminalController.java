package io.coderunner.server.terminals;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Seed 003's CCResearch terminal API: a user's terminal sessions and their files. */
@RestController
@Tag(name = "Terminals")
class TerminalController {


    private final TerminalSessions sessions;
    private final SessionDirectories directories;
    private final RepositoryCloner cloner;
    private final TerminalSettings settings;

    TerminalController(TerminalSessions sessions, SessionDirectories directories, RepositoryCloner cloner,
                       TerminalSettings settings) {
        this.sessions = sessions;
        this.directories = directories;
        this.cloner = cloner;
        this.settings = settings;
    }

    /** {@code environment}: an environment's id or name, whose packages the terminal sees read-only. */
    record CreateRequest(String title, String project, String environment, Integer cols, Integer rows) {
    }

    record TitleRequest(String title) {
    }

    record SizeRequest(Integer cols, Integer rows) {
    }

    record CloneRequest(@JsonAlias({"url", "repo"}) String repoUrl, String directory) {
    }

    @PostMapping(path = "/ccresearch/sessions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SignedInUser
    @Operation(summary = "Start a terminal session (bash in the sandbox), in one of your workspace projects or in files of its own, "
            + "optionally with one of your (or a public) environments, seen read-only")
    SessionView create(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) CreateRequest request) {
        CreateRequest r = request == null ? new CreateRequest(null, null, null, null, null) : request;
        return SessionView.of(sessions.create(caller, r.title(), r.project(), r.environment(), r.cols(), r.rows(),
                SessionUploads.NONE));
    }

    @PostMapping(path = "/ccresearch/sessions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @SignedInUser
    @Operation(summary = "Start a terminal session with uploaded files (form fields title, project, environment, files[])")
    SessionView createWithFiles(@AuthenticationPrincipal Caller caller,
                                @RequestParam(required = false) String title,
                                @RequestParam(required = false) String project,
                                @RequestParam(required = false) String environment,
                                @RequestParam(required = false) Integer cols,
                                @RequestParam(required = false) Integer rows,
                                @RequestParam(name = "files", required = false) List<MultipartFile> files,
                                @RequestParam(name = "files[]", required = false) List<MultipartFile> bracketFiles) {
        List<MultipartFile> all = new java.util.ArrayList<>();
        if (files != null) {
            all.addAll(files);
        }
        if (bracketFiles != null) {
            all.addAll(bracketFiles);
        }
        return SessionView.of(sessions.create(caller, title, project, environment, cols, rows, new SessionUploads(all)));
    }

    @GetMapping("/ccresearch/sessions")
    @SignedInUser
    @Operation(summary = "Your terminal sessions, newest first")
    List<SessionView> list(@AuthenticationPrincipal Caller caller) {
        return sessions.list(caller).stream().map(sessions::current).map(SessionView::of).toList();
    }

    @GetMapping("/ccresearch/sessions/{browserId}")
    @SignedInUser
    @Operation(summary = "Your terminal sessions (seed 003's path with a browser id, which is not needed: sessions are the signed-in user's)")
    List<SessionView> listForBrowser(@AuthenticationPrincipal Caller caller, @PathVariable("browserId") String browserId) {
        return list(caller);
    }

    @GetMapping("/ccresearch/sessions/detail/{id}")
    @SignedInUser
    @Operation(summary = "One of your terminal sessions")
    SessionView detail(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id) {
        return SessionView.of(sessions.current(sessions.owned(caller, id)));
    }

    @DeleteMapping("/ccresearch/sessions/{id}")
    @SignedInUser
    @Operation(summary = "End a terminal session: every process of it is killed, and it is removed with its own files")
    Map<String, String> delete(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id) {
        sessions.delete(caller, id);
        return Map.of("message", "terminal session " + id + " ended and deleted");
    }

    @PatchMapping("/ccresearch/sessions/{id}/rename")
    @SignedInUser
    @Operation(summary = "Rename a terminal session (its title only)")
    SessionView rename(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id, @RequestBody TitleRequest request) {
        return SessionView.of(sessions.rename(caller, id, request == null ? null : request.title()));
    }

    @PostMapping("/ccresearch/sessions/{id}/resize")
    @SignedInUser
    @Operation(summary = "Tell the terminal its new size (cols, rows)")
    SessionView resize(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id, @RequestBody SizeRequest request) {
        return SessionView.of(sessions.resize(caller, id, request == null ? null : request.cols(), request == null ? null : request.rows()));
    }

    @GetMapping("/ccresearch/sessions/{id}/files")
    @SignedInUser
    @Operation(summary = "The session's files and folders (under path, all levels; links are shown, never followed)")
    Map<String, Object> files(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id,
                              @RequestParam(required = false, defaultValue = "") String path) {
        SessionFiles.Listing listing = SessionFiles.list(workDir(caller, id), path);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", path);
        body.put("files", listing.files());
        body.put("truncated", listing.truncated());
        return body;
    }

    @GetMapping("/ccresearch/sessions/{id}/files/download")
    @SignedInUser
    @Operation(summary = "Download one file of the session")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id,
                                                 @RequestParam(required = false, defaultValue = "") String path) {
        SessionFiles.Download file = SessionFiles.download(workDir(caller, id), path);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(file.size())
                .body(new InputStreamResource(file.content()));
    }

    @GetMapping("/ccresearch/sessions/{id}/files/content")
    @SignedInUser
    @Operation(summary = "Preview a file of the session as text (at most the preview size; binary files are not shown)")
    SessionFiles.Preview content(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id,
                                 @RequestParam(required = false, defaultValue = "") String path) {
        return SessionFiles.preview(workDir(caller, id), path, settings.previewBytes());
    }

    @GetMapping("/ccresearch/sessions/{id}/download-zip")
    @SignedInUser
    @Operation(summary = "Download the session's files as a ZIP (links are left out); 409 when they are more than a ZIP may hold")
    ResponseEntity<StreamingResponseBody> zip(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id) {
        Path root = workDir(caller, id);
        SessionFiles.requireZippable(root, settings.zipBytes());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("session-" + id + ".zip").build().toString())
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(out -> SessionFiles.zip(root, out, settings.zipBytes()));
    }

    @PostMapping("/ccresearch/sessions/{id}/clone-repo")
    @SignedInUser
    @Operation(summary = "Clone a public git repository (https) into the session's files; needs a tier with network access")
    Map<String, Object> cloneRepo(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id,
                                  @RequestBody CloneRequest request) {
        SessionStore.Session session = sessions.owned(caller, id);
        Path root = directories.workDir(session).orElseThrow(() -> new NotFoundException("the session's files are gone"));
        RepositoryCloner.Cloned cloned = cloner.cloneInto(caller, session, root, sessions.live(id),
                request == null ? null : request.repoUrl(), request == null ? null : request.directory());
        return Map.of("message", "cloned", "directory", cloned.directory(), "repo_url", cloned.url());
    }

    @PostMapping("/ccresearch/sessions/{id}/share")
    @SignedInUser
    @Operation(summary = "Make a read-only share link for the session (its title, files and terminal log)")
    Map<String, Object> share(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id) {
        SessionStore.Session session = sessions.share(caller, id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("share_token", session.shareToken());
        body.put("share_url", "/ccresearch/share/" + session.shareToken());
        body.put("shared_at", SessionView.of(session).sharedAt());
        return body;
    }

    @DeleteMapping("/ccresearch/sessions/{id}/share")
    @SignedInUser
    @Operation(summary = "Revoke the session's share link; it stops working at once")
    Map<String, String> unshare(@AuthenticationPrincipal Caller caller, @PathVariable("id") String id) {
        sessions.unshare(caller, id);
        return Map.of("message", "share link revoked");
    }

    private Path workDir(Caller caller, String id) {
        SessionStore.Session session = sessions.owned(caller, id);
        return directories.workDir(session).orElseThrow(() -> new NotFoundException("the session's files are gone"));
    }
}
