package io.coderunner.server.ai;

import io.coderunner.server.http.Timestamps;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each user asked of which source (a configuration of theirs, or a provider of the
 * installation), per UTC day: requests, failed requests, tokens in and out. Counted in the
 * database, so that concurrent requests lose nothing.
 */
@Repository
class AiUsage {

    record Totals(long requests, long inputTokens, long outputTokens) {
        static final Totals NONE = new Totals(0, 0, 0);
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AiUsage(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(long userId, String source, boolean success, int inputTokens, int outputTokens) {
        int day = Timestamps.day(clock.millis());
        jdbc.sql("INSERT INTO ai_usage (user_id, day, source) VALUES (?, ?, ?) ON CONFLICT (user_id, day, source) DO NOTHING")
                .params(userId, day, source).update();
        jdbc.sql("""
                UPDATE ai_usage SET requests = requests + 1, failures = failures + ?, input_tokens = input_tokens + ?,
                    output_tokens = output_tokens + ?
                WHERE user_id = ? AND day = ? AND source = ?""")
                .params(success ? 0 : 1, inputTokens, outputTokens, userId, day, source).update();
    }

    /** All days of one source of one user. */
    Totals totals(long userId, String source) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(requests), 0), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0)
                FROM ai_usage WHERE user_id = ? AND source = ?""")
                .params(userId, source)
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    static String configSource(long configId) {
        return "config:" + configId;
    }

    static String serverSource(String name) {
        return "server:" + name;
    }
}
