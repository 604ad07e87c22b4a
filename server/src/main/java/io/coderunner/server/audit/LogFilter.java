package io.coderunner.server.audit;

import java.util.ArrayList;
import java.util.List;

/** The filters of a log query; null means "any". */
record LogFilter(Long userId, String action, String resourceType, String status, Long from, Long to) {

    static LogFilter forUser(long userId) {
        return new LogFilter(userId, null, null, null, null, null);
    }

    LogFilter since(long millis) {
        return new LogFilter(userId, action, resourceType, status, millis, to);
    }

    LogFilter withStatus(String value) {
        return new LogFilter(userId, action, resourceType, value, from, to);
    }

    AuditLogRepository.Where where() {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(clauses, params, "user_id = ?", userId);
        add(clauses, params, "action = ?", action);
        add(clauses, params, "resource_type = ?", resourceType);
        add(clauses, params, "status = ?", status);
        add(clauses, params, "created_at >= ?", from);
        add(clauses, params, "created_at < ?", to);
        return new AuditLogRepository.Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private static void add(List<String> clauses, List<Object> params, String clause, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            clauses.add(clause);
            params.add(value);
        }
    }
}
