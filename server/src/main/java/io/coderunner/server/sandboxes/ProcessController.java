package io.coderunner.server.sandboxes;

import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Processes in a started sandbox, run to their end. */
@RestController
@Tag(name = "Sandboxes")
class ProcessController {

    private final SandboxService sandboxes;

    ProcessController(SandboxService sandboxes) {
        this.sandboxes = sandboxes;
    }

    /** @param timeout seconds; the process is killed after it (default 600) */
    record ExecuteRequest(String command, String cwd, Map<String, String> env, Integer timeout) {
    }

    record CodeRunRequest(String code, String language, List<String> argv, Map<String, String> env, Integer timeout) {
    }

    @Operation(summary = "Run a shell command in the sandbox and wait for it")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/process/execute")
    ExecResult execute(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody ExecuteRequest request) {
        ExecuteRequest body = request == null ? new ExecuteRequest(null, null, null, null) : request;
        return sandboxes.execute(caller, id, body.command(), body.cwd(), body.env(), body.timeout());
    }

    @Operation(summary = "Run code in the sandbox's language (or the one named) and wait for it")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/process/code-run")
    ExecResult codeRun(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody CodeRunRequest request) {
        CodeRunRequest body = request == null ? new CodeRunRequest(null, null, null, null, null) : request;
        return sandboxes.codeRun(caller, id, body.code(), body.language(), body.argv(), body.env(), body.timeout());
    }
}
