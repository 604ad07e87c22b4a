package io.coderunner.server.audit;

import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.persistence.Rows;
import io.coderunner.server.system.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The system_logs table. */
@Repository
class AuditLogRepository {

    private final JdbcClient jdbc;

    AuditLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AuditEvent event, long at) {
        jdbc.sql("""
                INSERT INTO system_logs (user_id, username, action, resource_type, resource_id, details, ip_address,
                                         user_agent, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.userId(), event.username(), event.action(), event.resourceType(), event.resourceId(),
                        event.details(), event.ipAddress(), event.userAgent(), event.status(), at)
                .update();
    }

    List<LogEntry> find(LogFilter filter, Page page) {
        Where where = filter.where();
        List<Object> params = new ArrayList<>(where.params());
        params.add(page.limit());
        params.add(page.skip());
        return jdbc.sql("SELECT * FROM system_logs" + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, n) -> new LogEntry(rs.getLong("id"), Rows.longOrNull(rs, "user_id"),
                        rs.getString("username"), rs.getString("action"), rs.getString("resource_type"),
                        rs.getString("resource_id"), rs.getString("details"), rs.getString("ip_address"),
                        rs.getString("user_agent"), rs.getString("status"), Timestamps.iso(rs.getLong("created_at"))))
                .list();
    }

    long count(LogFilter filter) {
        Where where = filter.where();
        return jdbc.sql("SELECT COUNT(*) FROM system_logs" + where.sql()).params(where.params()).query(Long.class).single();
    }

    Map<String, Long> countBy(String column, LogFilter filter) {
        Where where = filter.where();
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT " + column + " AS k, COUNT(*) AS n FROM system_logs" + where.sql() + " GROUP BY " + column
                        + " ORDER BY n DESC, k")
                .params(where.params())
                .query(rs -> {
                    counts.put(rs.getString("k") == null ? "none" : rs.getString("k"), rs.getLong("n"));
                });
        return counts;
    }

    List<String> distinct(String column, Long userId) {
        return jdbc.sql("SELECT DISTINCT " + column + " FROM system_logs WHERE " + column + " IS NOT NULL"
                        + (userId == null ? "" : " AND user_id = ?") + " ORDER BY " + column)
                .params(userId == null ? List.of() : List.of(userId))
                .query(String.class).list();
    }

    record Where(String sql, List<Object> params) {
    }
}
