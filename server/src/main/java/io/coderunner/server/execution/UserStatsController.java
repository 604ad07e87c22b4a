package io.coderunner.server.execution;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Quotas;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /user-stats: today's use against the tier's limits (seed 000). */
@RestController
@Tag(name = "Execution history")
class UserStatsController {

    private final Accounts accounts;
    private final Quotas quotas;
    private final ExecutionHistory history;

    UserStatsController(Accounts accounts, Quotas quotas, ExecutionHistory history) {
        this.accounts = accounts;
        this.quotas = quotas;
        this.history = history;
    }

    @GetMapping("/user-stats")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's tier, its limits, and today's runs and API calls against them (-1: unlimited)")
    Map<String, Object> stats(@AuthenticationPrincipal Caller caller) {
        Tier tier = accounts.tierOf(caller);
        Quotas.Usage today = quotas.today(caller.userId());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("user_level", tier.level());
        stats.put("level_name", tier.name());
        stats.put("today_executions", today.executions());
        stats.put("daily_executions_limit", tier.dailyExecutions());
        stats.put("remaining_executions", remaining(tier.dailyExecutions(), today.executions()));
        stats.put("today_api_calls", today.apiCalls());
        stats.put("daily_api_calls_limit", tier.dailyApiCalls());
        stats.put("remaining_api_calls", remaining(tier.dailyApiCalls(), today.apiCalls()));
        stats.put("today_ai_requests", today.aiRequests());
        stats.put("daily_ai_requests_limit", tier.dailyAiRequests());
        stats.put("remaining_ai_requests", remaining(tier.dailyAiRequests(), today.aiRequests()));
        stats.put("max_execution_time", tier.timeoutSeconds());
        stats.put("max_memory_mb", tier.memoryMb());
        stats.put("max_saved_codes", tier.maxSavedCodes());
        stats.put("max_api_keys", tier.maxApiKeys());
        stats.put("max_environments", tier.maxEnvironments());
        stats.put("total_executions", history.countOfUser(caller.userId()));
        stats.put("resets_at", Timestamps.iso(today.resetsAt()));
        return stats;
    }

    private static int remaining(int limit, int used) {
        return limit < 0 ? -1 : Math.max(0, limit - used);
    }
}
