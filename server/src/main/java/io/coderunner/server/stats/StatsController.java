package io.coderunner.server.stats;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Quotas;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.accounts.UserAccount;
import io.coderunner.server.community.Community;
import io.coderunner.server.execution.ExecutionStatistics;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.library.CodeLibrary;
import io.coderunner.server.profiles.ProfileSummary;
import io.coderunner.server.profiles.Profiles;
import io.coderunner.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Seed 004's statistics: GET /profile/stats, GET /profile/enhanced-stats and GET /users/{user_id}/stats. */
@RestController
@Tag(name = "Statistics")
class StatsController {

    private static final int DAYS = 30;

    private final Accounts accounts;
    private final Quotas quotas;
    private final ExecutionStatistics executions;
    private final CodeLibrary library;
    private final Community community;
    private final Profiles profiles;
    private final Clock clock;

    StatsController(Accounts accounts, Quotas quotas, ExecutionStatistics executions, CodeLibrary library, Community community,
                    Profiles profiles, Clock clock) {
        this.accounts = accounts;
        this.quotas = quotas;
        this.executions = executions;
        this.library = library;
        this.community = community;
        this.profiles = profiles;
        this.clock = clock;
    }

    @GetMapping("/profile/stats")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's numbers: runs, success rate, saved code, posts, followers")
    Map<String, Object> mine(@AuthenticationPrincipal Caller caller) {
        UserAccount user = user(caller.userId());
        ExecutionStatistics.Summary runs = executions.summary(user.id());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_executions", runs.total());
        stats.put("successful_executions", runs.successful());
        stats.put("success_rate", runs.successRate());
        stats.put("api_calls", runs.apiCalls());
        stats.put("saved_codes", library.countOwned(user.id()));
        stats.put("public_codes", library.countPublic(user.id()));
        stats.put("posts", community.postCount(user.id()));
        stats.put("followers", community.followerCount(user.id()));
        stats.put("following", community.followingCount(user.id()));
        stats.put("likes_received", community.likesReceived(user.id()));
        stats.put("member_since", Timestamps.iso(user.createdAt()));
        return stats;
    }

    @GetMapping("/profile/enhanced-stats")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's runs by day and language, averages, library, community and today's quotas")
    Map<String, Object> enhanced(@AuthenticationPrincipal Caller caller) {
        UserAccount user = user(caller.userId());
        Tier tier = accounts.tierOf(caller);
        ExecutionStatistics.Summary runs = executions.summary(user.id());
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("total", runs.total());
        execution.put("successful", runs.successful());
        execution.put("failed", runs.total() - runs.successful());
        execution.put("success_rate", runs.successRate());
        execution.put("average_time_ms", Math.round(runs.averageTimeMs()));
        execution.put("average_memory_bytes", Math.round(runs.averageMemoryBytes()));
        execution.put("api_calls", runs.apiCalls());
        execution.put("by_language", executions.byLanguage(user.id()));
        execution.put("by_day", executions.byDay(user.id(), DAYS, clock.millis()));

        Quotas.Usage today = quotas.today(user.id());
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("today_executions", today.executions());
        quota.put("daily_executions_limit", tier.dailyExecutions());
        quota.put("today_api_calls", today.apiCalls());
        quota.put("daily_api_calls_limit", tier.dailyApiCalls());
        quota.put("today_ai_requests", today.aiRequests());
        quota.put("daily_ai_requests_limit", tier.dailyAiRequests());
        quota.put("resets_at", Timestamps.iso(today.resetsAt()));

        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("user_id", user.id());
        stats.put("username", user.username());
        stats.put("user_level", tier.level());
        stats.put("level_name", tier.name());
        stats.put("member_since", Timestamps.iso(user.createdAt()));
        stats.put("executions", execution);
        stats.put("library", Map.of("saved", library.countOwned(user.id()), "public", library.countPublic(user.id()),
                "limit", tier.maxSavedCodes()));
        stats.put("community", Map.of("posts", community.postCount(user.id()), "followers", community.followerCount(user.id()),
                "following", community.followingCount(user.id()), "likes_received", community.likesReceived(user.id())));
        stats.put("quota", quota);
        return stats;
    }

    @GetMapping("/users/{user_id}/stats")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "A user's public figures (their runs only when it is the caller or the profile is public)")
    Map<String, Object> ofUser(@AuthenticationPrincipal Caller caller, @PathVariable("user_id") long userId) {
        UserAccount user = user(userId);
        boolean open = userId == caller.userId() || profiles.summary(userId).map(ProfileSummary::profilePublic).orElse(true);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("user_id", user.id());
        stats.put("username", user.username());
        stats.put("member_since", Timestamps.iso(user.createdAt()));
        stats.put("public_codes", library.countPublic(user.id()));
        stats.put("posts", community.postCount(user.id()));
        stats.put("followers", community.followerCount(user.id()));
        stats.put("following", community.followingCount(user.id()));
        stats.put("likes_received", community.likesReceived(user.id()));
        stats.put("profile_public", open);
        if (open) {
            ExecutionStatistics.Summary runs = executions.summary(user.id());
            stats.put("total_executions", runs.total());
            stats.put("success_rate", runs.successRate());
        }
        return stats;
    }

    private UserAccount user(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("user " + id + " not found"));
    }
}
