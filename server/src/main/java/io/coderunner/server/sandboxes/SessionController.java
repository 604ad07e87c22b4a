package io.coderunner.server.sandboxes;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sessions in a started sandbox: long-lived shells whose commands run one after another, keeping
 * the working directory and exported variables between them. A command's logs are followed live
 * over WS /sandboxes/{id}/process/sessions/{sid}/commands/{cid}/logs ({@link CommandLogSocket}).
 */
@RestController
@Tag(name = "Sandboxes")
class SessionController {

    private final SandboxService sandboxes;
    private final ProcessSessions sessions;

    SessionController(SandboxService sandboxes, ProcessSessions sessions) {
        this.sandboxes = sandboxes;
        this.sessions = sessions;
    }

    record CreateSessionRequest(String sessionId) {
    }

    record ExecRequest(String command, Boolean runAsync) {
    }

    record InputRequest(String data) {
    }

    record CommandView(String id, String command, Integer exitCode) {
        static CommandView of(SessionCommand command) {
            return new CommandView(command.id(), command.command(), command.exitCode());
        }
    }

    record SessionView(String sessionId, boolean ended, long createdAt, List<CommandView> commands) {
        static SessionView of(ShellSession session) {
            return new SessionView(session.id(), session.hasEnded(), session.createdAt(),
                    session.commands().stream().map(CommandView::of).toList());
        }
    }

    /** A command's result; only its id for one run asynchronously. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExecView(String commandId, Integer exitCode, String stdout, String stderr, String output, Boolean truncated) {
    }

    record LogsView(String output, String stdout, String stderr, boolean truncated) {
    }

    @Operation(summary = "Start a session: a shell whose commands keep their working directory and variables")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/process/sessions")
    ResponseEntity<SessionView> create(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                       @RequestBody(required = false) CreateSessionRequest request) {
        String sessionId = request == null ? null : request.sessionId();
        ShellSession session = sessions.create(sandboxes.live(caller, id), sessionId);
        return ResponseEntity.status(HttpStatus.CREATED).body(SessionView.of(session));
    }

    @Operation(summary = "The sandbox's sessions")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/process/sessions")
    List<SessionView> list(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return sessions.list(sandboxes.live(caller, id)).stream().map(SessionView::of).toList();
    }

    @Operation(summary = "A session and its commands")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/process/sessions/{sessionId}")
    SessionView get(@AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable String sessionId) {
        return SessionView.of(sessions.get(sandboxes.live(caller, id), sessionId));
    }

    @Operation(summary = "End a session: its shell and what it started are killed")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/sandboxes/{id}/process/sessions/{sessionId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable String sessionId) {
        sessions.delete(sandboxes.live(caller, id), sessionId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Run a command in the session, waiting for it unless run_async")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/process/sessions/{sessionId}/exec")
    ExecView exec(@AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable String sessionId,
                  @RequestBody(required = false) ExecRequest request) {
        if (request == null) {
            throw new BadRequestException("a JSON body {\"command\": ...} is required");
        }
        LiveSandbox sandbox = sandboxes.live(caller, id);
        SessionCommand command = sessions.execute(sandbox, sessionId, request.command());
        if (Boolean.TRUE.equals(request.runAsync())) {
            return new ExecView(command.id(), null, null, null, null, null);
        }
        try {
            sessions.awaitRun(command, sessionId);
        } finally {
            sandboxes.touch(sandbox.id());
        }
        return new ExecView(command.id(), command.exitCode(), command.stdout(), command.stderr(), command.output(), command.truncated());
    }

    @Operation(summary = "A command of the session: its text and exit code (none while it runs)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/process/sessions/{sessionId}/commands/{commandId}")
    CommandView command(@AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable String sessionId,
                        @PathVariable String commandId) {
        return CommandView.of(sessions.get(sandboxes.live(caller, id), sessionId).command(commandId));
    }

    @Operation(summary = "A command's logs so far (follow them live over the WebSocket at the same path)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    // An upgrade at this path is the WebSocket that follows the logs.
    @GetMapping(path = "/sandboxes/{id}/process/sessions/{sessionId}/commands/{commandId}/logs", headers = "Upgrade!=websocket")
    LogsView logs(@AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable String sessionId,
                  @PathVariable String commandId) {
        SessionCommand command = sessions.get(sandboxes.live(caller, id), sessionId).command(commandId);
        return new LogsView(command.output(), command.stdout(), command.stderr(), command.truncated());
    }

    @Operation(summary = "Send bytes to the standard input of a running command, as given (add the newline yourself)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/process/sessions/{sessionId}/commands/{commandId}/input")
    ResponseEntity<Void> input(@AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable String sessionId,
                               @PathVariable String commandId, @RequestBody(required = false) InputRequest request) {
        if (request == null || request.data() == null) {
            throw new BadRequestException("a JSON body {\"data\": ...} is required");
        }
        sessions.get(sandboxes.live(caller, id), sessionId).input(commandId, request.data().getBytes(StandardCharsets.UTF_8));
        return ResponseEntity.noContent().build();
    }
}
