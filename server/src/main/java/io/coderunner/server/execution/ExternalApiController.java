package io.coderunner.server.execution;

import io.coderunner.engine.InvalidRunException;
import io.coderunner.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Seed 004's external API: runs for programs, authenticated by an API key with the execute scope. */
@RestController
@Tag(name = "External API")
class ExternalApiController {

    private final ExecutionService executions;

    ExternalApiController(ExecutionService executions) {
        this.executions = executions;
    }

    /** seed 004's CodeExecuteByAPIResponse: the run, plus {@code success}, {@code output} and {@code error}. */
    record ApiRunResponse(boolean success, String output, String error, ExecutionView execution) {
    }

    @PostMapping("/api/v1/execute")
    @PreAuthorize("hasAuthority('SCOPE_execute')")
    @Operation(summary = "Run code with an API key (Authorization: Bearer sk-... or X-API-Key); counts as an API call")
    ApiRunResponse execute(@AuthenticationPrincipal Caller caller, @RequestBody RunRequest request) {
        if (request == null) {
            throw new InvalidRunException("request body is required");
        }
        ExecutionView run = executions.executeAs(caller, request.toExecuteRequest(), request.codeLibraryId());
        boolean success = "OK".equals(run.status());
        String error = success ? null : (run.stderr() == null || run.stderr().isEmpty() ? run.result() : run.stderr());
        return new ApiRunResponse(success, run.stdout(), error, run);
    }
}
