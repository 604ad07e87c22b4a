package io.coderunner.server.accounts;

import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.http.TooManyRequestsException;
import io.coderunner.server.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The daily quotas of the tiers: runs from the web, API calls and AI requests, counted per user and UTC
 * day, so they start again at midnight UTC. Taking one is a single conditional update, so two
 * requests at once can never both take the last one.
 */
@Service
public class Quotas {

    public enum Kind {
        EXECUTIONS("executions", "daily execution quota", "runs"),
        API_CALLS("api_calls", "daily API-call quota", "API calls"),
        AI_REQUESTS("ai_requests", "daily AI-request quota", "AI requests");

        private final String column;
        private final String title;
        private final String unit;

        Kind(String column, String title, String unit) {
            this.column = column;
            this.title = title;
            this.unit = unit;
        }

        int limit(Tier tier) {
            return switch (this) {
                case EXECUTIONS -> tier.dailyExecutions();
                case API_CALLS -> tier.dailyApiCalls();
                case AI_REQUESTS -> tier.dailyAiRequests();
            };
        }
    }

    /** Today's use of one user, and when it starts again. */
    public record Usage(int executions, int apiCalls, int aiRequests, long resetsAt) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Clock clock;

    Quotas(JdbcClient jdbc, Accounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Takes one of today's runs, API calls or AI requests, or refuses with 429 saying which quota and when it resets. */
    public void take(Caller caller, Kind kind) {
        Tier tier = accounts.tierOf(caller);
        int limit = kind.limit(tier);
        long now = clock.millis();
        int day = Timestamps.day(now);
        jdbc.sql("INSERT INTO daily_usage (user_id, day) VALUES (?, ?) ON CONFLICT (user_id, day) DO NOTHING")
                .params(caller.userId(), day).update();
        int taken = jdbc.sql("UPDATE daily_usage SET " + kind.column + " = " + kind.column + " + 1 "
                        + "WHERE user_id = ? AND day = ? AND (? < 0 OR " + kind.column + " < ?)")
                .params(caller.userId(), day, limit, limit).update();
        if (taken == 0) {
            long reset = Timestamps.nextMidnight(now);
            throw new TooManyRequestsException(ProblemCodes.QUOTA_EXHAUSTED, "the " + kind.title + " of " + limit + " "
                    + kind.unit + " (" + tier.name() + " tier) is used up for today; it resets at " + Timestamps.iso(reset),
                    Duration.ofMillis(reset - now),
                    Map.of("quota", kind.column, "limit", limit, "tier", tier.name(), "resets_at", Timestamps.iso(reset)));
        }
    }

    /** Gives back one taken today, for a request that was refused before it ran. */
    public void giveBack(Caller caller, Kind kind) {
        jdbc.sql("UPDATE daily_usage SET " + kind.column + " = " + kind.column + " - 1 WHERE user_id = ? AND day = ? AND "
                + kind.column + " > 0").params(caller.userId(), Timestamps.day(clock.millis())).update();
    }

    public Usage today(long userId) {
        long now = clock.millis();
        return jdbc.sql("SELECT executions, api_calls, ai_requests FROM daily_usage WHERE user_id = ? AND day = ?")
                .params(userId, Timestamps.day(now))
                .query((rs, n) -> new Usage(rs.getInt("executions"), rs.getInt("api_calls"), rs.getInt("ai_requests"), Timestamps.nextMidnight(now)))
                .optional().orElse(new Usage(0, 0, 0, Timestamps.nextMidnight(now)));
    }
}
