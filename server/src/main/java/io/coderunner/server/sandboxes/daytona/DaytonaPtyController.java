package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.sandboxes.LiveSandbox;
import io.coderunner.server.sandboxes.SandboxPty;
import io.coderunner.server.sandboxes.SandboxService;
import io.coderunner.server.sandboxes.SandboxTerminals;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

/** The Daytona toolbox's PTY sessions by REST: create, list, get, resize, kill ({@link DaytonaPtySocket} connects). */
@RestController
@Tag(name = "Daytona")
class DaytonaPtyController {

    private final SandboxService sandboxes;
    private final SandboxTerminals terminals;

    DaytonaPtyController(SandboxService sandboxes, SandboxTerminals terminals) {
        this.sandboxes = sandboxes;
        this.terminals = terminals;
    }

    /** {@code lazyStart} is taken as a start now: the shell waits at its prompt either way. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record PtyCreateRequest(String id, Integer cols, Integer rows, String cwd, Map<String, String> envs, Boolean lazyStart) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record PtyCreateResponse(String sessionId) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record PtyResizeRequest(Integer cols, Integer rows) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record PtySessionInfo(String id, boolean active, int cols, int rows, String cwd, Map<String, String> envs, String createdAt,
                          boolean lazyStart) {
        static PtySessionInfo of(SandboxPty pty) {
            return new PtySessionInfo(pty.id(), pty.active(), pty.cols(), pty.rows(), pty.cwd() == null ? "" : pty.cwd(), pty.envs(),
                    Instant.ofEpochMilli(pty.createdAt()).toString(), false);
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record PtyListResponse(List<PtySessionInfo> sessions) {
    }

    @Operation(summary = "Daytona: start a PTY session")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/daytona/toolbox/{sandboxId}/process/pty")
    ResponseEntity<PtyCreateResponse> create(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                             @RequestBody(required = false) PtyCreateRequest request) {
        PtyCreateRequest body = request == null ? new PtyCreateRequest(null, null, null, null, null, null) : request;
        LiveSandbox sandbox = sandboxes.live(caller, sandboxId);
        SandboxPty pty = terminals.create(sandbox, body.id(), body.cols() == null ? 80 : body.cols(), body.rows() == null ? 24 : body.rows(),
                body.cwd(), body.envs());
        return ResponseEntity.status(HttpStatus.CREATED).body(new PtyCreateResponse(pty.id()));
    }

    @Operation(summary = "Daytona: list PTY sessions")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/daytona/toolbox/{sandboxId}/process/pty")
    PtyListResponse list(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId) {
        return new PtyListResponse(terminals.list(sandboxes.live(caller, sandboxId)).stream().map(PtySessionInfo::of).toList());
    }

    @Operation(summary = "Daytona: a PTY session")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    // An upgrade here is WS …/process/pty/create-connect, a socket.
    @GetMapping(path = "/daytona/toolbox/{sandboxId}/process/pty/{ptyId}", headers = "Upgrade!=websocket")
    PtySessionInfo get(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @PathVariable String ptyId) {
        return PtySessionInfo.of(terminals.get(sandboxes.live(caller, sandboxId), ptyId));
    }

    @Operation(summary = "Daytona: resize a PTY session")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/daytona/toolbox/{sandboxId}/process/pty/{ptyId}/resize")
    PtySessionInfo resize(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @PathVariable String ptyId,
                          @RequestBody(required = false) PtyResizeRequest request) {
        if (request == null || request.cols() == null || request.rows() == null) {
            throw new BadRequestException("a JSON body {\"cols\": n, \"rows\": n} is required");
        }
        SandboxPty pty = terminals.get(sandboxes.live(caller, sandboxId), ptyId);
        pty.resize(request.cols(), request.rows());
        return PtySessionInfo.of(pty);
    }

    @Operation(summary = "Daytona: kill a PTY session")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/daytona/toolbox/{sandboxId}/process/pty/{ptyId}")
    ResponseEntity<Void> kill(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @PathVariable String ptyId) {
        terminals.kill(sandboxes.live(caller, sandboxId), ptyId);
        return ResponseEntity.noContent().build();
    }
}
