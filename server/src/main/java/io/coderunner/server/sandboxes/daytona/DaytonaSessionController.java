package io.coderunner.server.sandboxes.daytona;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.sandboxes.LiveSandbox;
import io.coderunner.server.sandboxes.ProcessSessions;
import io.coderunner.server.sandboxes.SandboxService;
import io.coderunner.server.sandboxes.SessionCommand;
import io.coderunner.server.sandboxes.ShellSession;
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
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The Daytona toolbox's sessions ({@code sandbox.process.createSession}, {@code executeSessionCommand},
 * {@code getSessionCommandLogs}, ...), served by the same {@link ProcessSessions} as the native API.
 * A command's logs followed live are the WebSocket at the logs path ({@link DaytonaCommandLogSocket}).
 */
@RestController
@Tag(name = "Daytona")
class DaytonaSessionController {

    private final SandboxService sandboxes;
    private final ProcessSessions sessions;

    DaytonaSessionController(SandboxService sandboxes, ProcessSessions sessions) {
        this.sandboxes = sandboxes;
        this.sessions = sessions;
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CreateSessionRequest(String sessionId) {
    }

    /** {@code async} is the older name of {@code runAsync}; input is never echoed into the logs, so {@code suppressInputEcho} holds always. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SessionExecuteRequest(String command, Boolean runAsync, Boolean async, Boolean suppressInputEcho) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SessionSendInputRequest(String data) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CommandDto(String id, String command, Integer exitCode) {
        static CommandDto of(SessionCommand command) {
            return new CommandDto(command.id(), command.command(), command.exitCode());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SessionDto(String sessionId, List<CommandDto> commands) {
        static SessionDto of(ShellSession session) {
            return new SessionDto(session.id(), session.commands().stream().map(CommandDto::of).toList());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SessionExecuteResponse(String cmdId, Integer exitCode, String output, String stdout, String stderr) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SessionCommandLogsResponse(String output, String stdout, String stderr) {
    }

    @Operation(summary = "Daytona: create a session")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/daytona/toolbox/{sandboxId}/process/session")
    ResponseEntity<Void> create(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                @RequestBody(required = false) CreateSessionRequest request) {
        sessions.create(sandboxes.live(caller, sandboxId), request == null ? null : request.sessionId());
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @Operation(summary = "Daytona: list sessions")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/daytona/toolbox/{sandboxId}/process/session")
    List<SessionDto> list(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId) {
        return sessions.list(sandboxes.live(caller, sandboxId)).stream().map(SessionDto::of).toList();
    }

    @Operation(summary = "Daytona: get a session")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/daytona/toolbox/{sandboxId}/process/session/{sessionId}")
    SessionDto get(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @PathVariable String sessionId) {
        return SessionDto.of(sessions.get(sandboxes.live(caller, sandboxId), sessionId));
    }

    @Operation(summary = "Daytona: delete a session")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/daytona/toolbox/{sandboxId}/process/session/{sessionId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @PathVariable String sessionId) {
        sessions.delete(sandboxes.live(caller, sandboxId), sessionId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Daytona: run a command in a session")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/daytona/toolbox/{sandboxId}/process/session/{sessionId}/exec")
    SessionExecuteResponse exec(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @PathVariable String sessionId,
                                @RequestBody(required = false) SessionExecuteRequest request) {
        if (request == null) {
            throw new BadRequestException("a JSON body {\"command\": ...} is required");
        }
        LiveSandbox sandbox = sandboxes.live(caller, sandboxId);
        SessionCommand command = sessions.execute(sandbox, sessionId, request.command());
        if (Boolean.TRUE.equals(request.runAsync()) || Boolean.TRUE.equals(request.async())) {
            return new SessionExecuteResponse(command.id(), null, null, null, null);
        }
        try {
            sessions.awaitRun(command, sessionId);
        } finally {
            sandboxes.touch(sandbox.id());
        }
        return new SessionExecuteResponse(command.id(), command.exitCode(), command.output(), command.stdout(), command.stderr());
    }

    @Operation(summary = "Daytona: a session's command")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/daytona/toolbox/{sandboxId}/process/session/{sessionId}/command/{commandId}")
    CommandDto command(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @PathVariable String sessionId,
                       @PathVariable String commandId) {
        return CommandDto.of(sessions.get(sandboxes.live(caller, sandboxId), sessionId).command(commandId));
    }

    @Operation(summary = "Daytona: a command's logs so far (with ?follow=true, the WebSocket at this path follows them)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    // An upgrade at this path is the WebSocket that follows the logs.
    @GetMapping(path = "/daytona/toolbox/{sandboxId}/process/session/{sessionId}/command/{commandId}/logs", headers = "Upgrade!=websocket")
    SessionCommandLogsResponse logs(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                    @PathVariable String sessionId, @PathVariable String commandId) {
        SessionCommand command = sessions.get(sandboxes.live(caller, sandboxId), sessionId).command(commandId);
        return new SessionCommandLogsResponse(command.output(), command.stdout(), command.stderr());
    }

    @Operation(summary = "Daytona: send a line to a running command's standard input (a newline is added, as the daemon does)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/daytona/toolbox/{sandboxId}/process/session/{sessionId}/command/{commandId}/input")
    ResponseEntity<Void> input(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @PathVariable String sessionId,
                               @PathVariable String commandId, @RequestBody(required = false) SessionSendInputRequest request) {
        if (request == null || request.data() == null) {
            throw new BadRequestException("a JSON body {\"data\": ...} is required");
        }
        sessions.get(sandboxes.live(caller, sandboxId), sessionId)
                .input(commandId, (request.data() + "\n").getBytes(StandardCharsets.UTF_8));
        return ResponseEntity.noContent().build();
    }
}
