package io.coderunner.server.execution;

import io.coderunner.server.http.Timestamps;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A user's runs in numbers, for the statistics pages of other modules. */
@Service
public class ExecutionStatistics {

    private static final long DAY_MILLIS = 86_400_000L;

    /** Totals over all of a user's runs; averages are 0 when there are none. */
    public record Summary(long total, long successful, long apiCalls, double averageTimeMs, double averageMemoryBytes) {

        public double successRate() {
            return total == 0 ? 0 : Math.round(1000.0 * successful / total) / 10.0;
        }
    }

    public record DayCount(String date, long count) {
    }

    private final JdbcClient jdbc;

    ExecutionStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Summary summary(long userId) {
        return jdbc.sql("""
                SELECT COUNT(*) AS total,
                       SUM(CASE WHEN status = 'OK' THEN 1 ELSE 0 END) AS ok,
                       SUM(CASE WHEN is_api_call = ? THEN 1 ELSE 0 END) AS api,
                       AVG(execution_time) AS avg_time, AVG(memory_usage) AS avg_memory
                FROM code_executions WHERE user_id = ?""")
                .params(true, userId)
                .query((rs, n) -> new Summary(rs.getLong("total"), rs.getLong("ok"), rs.getLong("api"),
                        rs.getDouble("avg_time"), rs.getDouble("avg_memory")))
                .single();
    }

    public Map<String, Long> byLanguage(long userId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT language, COUNT(*) AS n FROM code_executions WHERE user_id = ? GROUP BY language ORDER BY n DESC, language")
                .param(userId).query(rs -> {
                    counts.put(rs.getString("language"), rs.getLong("n"));
                });
        return counts;
    }

    /** Runs on each of the last {@code days} UTC days up to {@code now}, oldest first, days without runs included. */
    public List<DayCount> byDay(long userId, int days, long now) {
        int today = Timestamps.day(now);
        long from = (long) (today - days + 1) * DAY_MILLIS;
        Map<Long, Long> counts = new LinkedHashMap<>();
        // The divisor is written into the statement: PostgreSQL groups by an expression only if it is the same text.
        jdbc.sql("SELECT created_at / " + DAY_MILLIS + " AS day, COUNT(*) AS n FROM code_executions WHERE user_id = ? "
                        + "AND created_at >= ? GROUP BY created_at / " + DAY_MILLIS)
                .params(userId, from)
                .query(rs -> {
                    counts.put(rs.getLong("day"), rs.getLong("n"));
                });
        List<DayCount> series = new ArrayList<>(days);
        for (long day = today - days + 1; day <= today; day++) {
            String date = Instant.ofEpochMilli(day * DAY_MILLIS).atZone(ZoneOffset.UTC).toLocalDate().toString();
            series.add(new DayCount(date, counts.getOrDefault(day, 0L)));
        }
        return series;
    }
}
