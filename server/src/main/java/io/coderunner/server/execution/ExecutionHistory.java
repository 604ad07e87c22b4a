package io.coderunner.server.execution;

import io.coderunner.engine.RunResult;
import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The code_executions table: every run of a signed-in user or of an API key. */
@Repository
class ExecutionHistory {

    private final JdbcClient jdbc;

    ExecutionHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Origin(long userId, boolean apiCall, Long apiKeyId, Long codeLibraryId) {
    }

    long record(Origin origin, String language, String code, RunResult result, long at) {
        return jdbc.sql("""
                INSERT INTO code_executions (user_id, language, code, result, status, exit_code, signal, stdout, stderr,
                    stdout_truncated, stderr_truncated, compile_output, reason, execution_time, cpu_time, memory_usage,
                    created_at, is_api_call, api_key_id, code_library_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(origin.userId(), language, code, summary(result), result.status().name(), result.exitCode(),
                        result.signal(), result.stdout(), result.stderr(), result.stdoutTruncated(), result.stderrTruncated(),
                        result.compileOutput(), result.reason(), result.wallTimeMs(), result.cpuTimeMs(), result.memoryBytes(),
                        at, origin.apiCall(), origin.apiKeyId(), origin.codeLibraryId())
                .query(Long.class).single();
    }

    /** seed 000's {@code result}: what the program printed, or what went wrong. */
    static String summary(RunResult result) {
        if (result.preview() != null) {
            return result.preview();
        }
        return switch (result.status()) {
            case OK -> result.stdout();
            case COMPILE_ERROR -> result.compileOutput();
            default -> !result.stderr().isEmpty() ? result.stderr() : (result.reason() == null ? result.stdout() : result.reason());
        };
    }

    /** How much of each output a list of runs shows: a history page of 100 runs stays small, whatever they printed. */
    static final int LISTED_OUTPUT = 2048;

    /**
     * The columns of a list of runs: each output cut to {@value #LISTED_OUTPUT} characters in the database
     * (so the whole of it is never read for a list), and whether any was cut.
     */
    private static final String LISTED = """
            SELECT id, user_id, code, status, execution_time, memory_usage, created_at, is_api_call, code_library_id,
                language, exit_code, signal, stdout_truncated, stderr_truncated, cpu_time, reason,
                substr(result, 1, %1$d) AS result, substr(stdout, 1, %1$d) AS stdout, substr(stderr, 1, %1$d) AS stderr,
                substr(compile_output, 1, %1$d) AS compile_output,
                (COALESCE(length(result), 0) > %1$d OR COALESCE(length(stdout), 0) > %1$d
                    OR COALESCE(length(stderr), 0) > %1$d OR COALESCE(length(compile_output), 0) > %1$d) AS truncated
            FROM code_executions""".formatted(LISTED_OUTPUT);

    ExecutionView find(long id) {
        return findWhole(id).orElseThrow();
    }

    /** A run with everything it printed, if there is one of that id. */
    java.util.Optional<ExecutionView> findWhole(long id) {
        return jdbc.sql("SELECT *, false AS truncated FROM code_executions WHERE id = ?").param(id)
                .query(ExecutionHistory::row).optional();
    }

    List<ExecutionView> ofUser(long userId, Page page) {
        return jdbc.sql(LISTED + " WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(userId, page.limit(), page.skip()).query(ExecutionHistory::row).list();
    }

    List<ExecutionView> all(Long userId, String status, Long from, Long to, Page page) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (userId != null) {
            where.add("user_id = ?");
            params.add(userId);
        }
        if (status != null && !status.isBlank()) {
            where.add("status = ?");
            params.add(status.strip().toUpperCase());
        }
        if (from != null) {
            where.add("created_at >= ?");
            params.add(from);
        }
        if (to != null) {
            where.add("created_at < ?");
            params.add(to);
        }
        params.add(page.limit());
        params.add(page.skip());
        return jdbc.sql(LISTED + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(params).query(ExecutionHistory::row).list();
    }

    long countOfUser(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM code_executions WHERE user_id = ?").param(userId).query(Long.class).single();
    }

    private static ExecutionView row(ResultSet rs, int n) throws SQLException {
        return new ExecutionView(rs.getLong("id"), rs.getLong("user_id"), rs.getString("code"), rs.getString("result"),
                rs.getString("status"), rs.getLong("execution_time"), rs.getLong("memory_usage"),
                Timestamps.iso(rs.getLong("created_at")), rs.getBoolean("is_api_call"), Rows.longOrNull(rs, "code_library_id"),
                rs.getString("language"), Rows.intOrNull(rs, "exit_code"), Rows.intOrNull(rs, "signal"), rs.getString("stdout"),
                rs.getString("stderr"), rs.getBoolean("stdout_truncated"), rs.getBoolean("stderr_truncated"),
                rs.getString("compile_output"), rs.getLong("cpu_time"), rs.getString("reason"), rs.getBoolean("truncated"));
    }
}
