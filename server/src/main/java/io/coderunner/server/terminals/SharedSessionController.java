package io.coderunner.server.terminals;

import io.coderunner.server.execution.StreamDecoder;
import io.coderunner.server.http.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Seed 003's public share links: read-only, and gone the moment the owner revokes them. */
@RestController
@Tag(name = "Terminals")
class SharedSessionController {

    private final TerminalSessions sessions;
    private final SessionDirectories directories;

    SharedSessionController(TerminalSessions sessions, SessionDirectories directories) {
        this.sessions = sessions;
        this.directories = directories;
    }

    @GetMapping("/ccresearch/share/{token}")
    @PermitAll
    @Operation(summary = "A shared terminal session (public, read-only)")
    SessionView.Shared shared(@PathVariable("token") String token) {
        return SessionView.Shared.of(sessions.current(sessions.shared(token)));
    }

    @GetMapping("/ccresearch/share/{token}/files")
    @PermitAll
    @Operation(summary = "The files of a shared terminal session (public, read-only)")
    Map<String, Object> files(@PathVariable("token") String token, @RequestParam(required = false, defaultValue = "") String path) {
        SessionStore.Session session = sessions.shared(token);
        Path root = directories.workDir(session).orElseThrow(() -> new NotFoundException("the session's files are gone"));
        SessionFiles.Listing listing = SessionFiles.list(root, path);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", path);
        body.put("files", listing.files());
        body.put("truncated", listing.truncated());
        return body;
    }

    @GetMapping("/ccresearch/share/{token}/log")
    @PermitAll
    @Operation(summary = "The terminal log of a shared session: what its screen showed (the last part kept)")
    Map<String, Object> log(@PathVariable("token") String token) {
        SessionStore.Session session = sessions.shared(token);
        byte[] tail = sessions.logTail(session);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", session.title());
        body.put("log", new StreamDecoder().decode(tail));
        body.put("bytes", tail.length);
        return body;
    }
}
