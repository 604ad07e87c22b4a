package io.coderunner.server.sandboxes.daytona;

import io.coderunner.engine.ResidentSpec;
import io.coderunner.server.sandboxes.ExecResult;
import io.coderunner.server.sandboxes.SandboxService;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The toolbox daemon's process and information calls ({@code /daytona/toolbox/{sandboxId}/...}),
 * run through {@link SandboxService} in the started sandbox. A sandbox that is not started
 * answers 409 naming its state, as on the native API.
 */
@RestController
@RequestMapping(DaytonaUrls.TOOLBOX + "/{sandboxId}")
@Tag(name = "Daytona")
class DaytonaToolboxController {

    private final SandboxService sandboxes;

    DaytonaToolboxController(SandboxService sandboxes) {
        this.sandboxes = sandboxes;
    }

    /** @param timeout seconds */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ExecuteRequest(String command, String cwd, Map<String, String> envs, Integer timeout) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ExecuteResponse(int exitCode, String result) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CodeRunRequest(String code, String language, List<String> argv, Map<String, String> envs, Integer timeout) {
    }

    /** Charts are never made: CodeRunner runs the code as a program, without the interpreter's chart capture. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CodeRunResponse(int exitCode, String result, Artifacts artifacts) {
    }

    record Artifacts(List<Object> charts) {
    }

    record Dir(String dir) {
    }

    record Version(String version) {
    }

    @Operation(summary = "Daytona: run a shell command in the sandbox and wait for it")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/process/execute")
    ExecuteResponse execute(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                            @RequestBody(required = false) ExecuteRequest request) {
        ExecuteRequest body = request == null ? new ExecuteRequest(null, null, null, null) : request;
        ExecResult result = sandboxes.execute(caller, sandboxId, body.command(), body.cwd(), body.envs(), body.timeout());
        return new ExecuteResponse(result.exitCode(), result.result());
    }

    @Operation(summary = "Daytona: run code in the sandbox's language and wait for it")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/process/code-run")
    CodeRunResponse codeRun(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                            @RequestBody(required = false) CodeRunRequest request) {
        CodeRunRequest body = request == null ? new CodeRunRequest(null, null, null, null, null) : request;
        ExecResult result = sandboxes.codeRun(caller, sandboxId, body.code(), body.language(), body.argv(), body.envs(), body.timeout());
        return new CodeRunResponse(result.exitCode(), result.result(), new Artifacts(List.of()));
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/work-dir")
    Dir workDir(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId) {
        sandboxes.live(caller, sandboxId);
        return new Dir(ResidentSpec.HOME);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/user-home-dir")
    Dir userHomeDir(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId) {
        sandboxes.live(caller, sandboxId);
        return new Dir(ResidentSpec.HOME);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/version")
    Version version(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId) {
        sandboxes.live(caller, sandboxId);
        return new Version(DaytonaCatalogController.VERSION);
    }
}
