package io.coderunner.server.execution;

import io.coderunner.engine.InvalidRunException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Seed 004's 代码执行: runs of signed-in users, within their tier and quota, and their history. */
@RestController
@Tag(name = "Execution history")
class HistoryController {

    private final ExecutionService executions;
    private final ExecutionHistory history;

    HistoryController(ExecutionService executions, ExecutionHistory history) {
        this.executions = executions;
        this.history = history;
    }

    @PostMapping("/execute")
    @SignedInUser
    @Operation(summary = "Run code as the signed-in user: tier limits, daily quota, kept in the history")
    ExecutionView execute(@AuthenticationPrincipal Caller caller, @RequestBody RunRequest request) {
        if (request == null) {
            throw new InvalidRunException("request body is required");
        }
        return executions.executeAs(caller, request.toExecuteRequest(), request.codeLibraryId());
    }

    @KeyScope("execute")
    @GetMapping("/executions")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's runs, newest first; each output cut to its first 2,048 characters "
            + "(truncated: true when one was), GET /executions/{id} has them whole")
    List<ExecutionView> mine(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Integer skip,
                             @RequestParam(required = false) Integer limit) {
        return history.ofUser(caller.userId(), Page.of(skip, limit, 50));
    }

    @KeyScope("execute")
    @GetMapping("/executions/{id}")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "One of the caller's runs with everything it printed (an administrator's: anyone's run)")
    ExecutionView one(@AuthenticationPrincipal Caller caller, @PathVariable("id") long id) {
        return history.findWhole(id)
                .filter(run -> run.userId() == caller.userId() || caller.admin())
                .orElseThrow(() -> new NotFoundException("no run " + id + " in your history"));
    }

    @GetMapping("/admin/executions")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Everyone's runs, newest first, by user, status and date (admin)")
    List<ExecutionView> all(@RequestParam(name = "user_id", required = false) Long userId,
                            @RequestParam(required = false) String status,
                            @RequestParam(name = "start_date", required = false) String startDate,
                            @RequestParam(name = "end_date", required = false) String endDate,
                            @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        return history.all(userId, status, Timestamps.parse("start_date", startDate), Timestamps.parse("end_date", endDate),
                Page.of(skip, limit, 100));
    }
}
