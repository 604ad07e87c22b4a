package io.coderunner.server.terminals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The terminal_sessions table. */
@Repository
class SessionStore {

    /**
     * @param project the workspace project the session works in, or null for a directory of its own
     */
    record Session(String id, long userId, String title, String project, String status, int rows, int cols,
                   int commandsExecuted, String uploadedFiles, String shareToken, Long sharedAt, long createdAt,
                   long lastActivityAt, long expiresAt, Long endedAt) {

        boolean open() {
            return SessionStatus.OPEN.contains(status);
        }
    }

    private final JdbcClient jdbc;

    SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Session s) {
        jdbc.sql("""
                INSERT INTO terminal_sessions (id, user_id, title, project, status, terminal_rows, terminal_cols,
                    commands_executed, uploaded_files, created_at, last_activity_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""")
                .params(s.id(), s.userId(), s.title(), s.project(), s.status(), s.rows(), s.cols(), s.uploadedFiles(),
                        s.createdAt(), s.lastActivityAt(), s.expiresAt())
                .update();
    }

    Optional<Session> find(String id) {
        return jdbc.sql("SELECT * FROM terminal_sessions WHERE id = ?").param(id).query(SessionStore::session).optional();
    }

    Optional<Session> findShared(String token) {
        return jdbc.sql("SELECT * FROM terminal_sessions WHERE share_token = ?").param(token).query(SessionStore::session).optional();
    }

    List<Session> ofUser(long userId) {
        return jdbc.sql("SELECT * FROM terminal_sessions WHERE user_id = ? ORDER BY created_at DESC, id")
                .param(userId).query(SessionStore::session).list();
    }

    long countOpen(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM terminal_sessions WHERE user_id = ? AND status IN (?, ?, ?)")
                .params(userId, SessionStatus.CREATED, SessionStatus.ACTIVE, SessionStatus.DISCONNECTED)
                .query(Long.class).single();
    }

    void status(String id, String status) {
        jdbc.sql("UPDATE terminal_sessions SET status = ? WHERE id = ? AND status IN (?, ?, ?)")
                .params(status, id, SessionStatus.CREATED, SessionStatus.ACTIVE, SessionStatus.DISCONNECTED).update();
    }

    void end(String id, String status, long now) {
        jdbc.sql("UPDATE terminal_sessions SET status = ?, ended_at = ?, expires_at = ? WHERE id = ? AND ended_at IS NULL")
                .params(status, now, now, id).update();
    }

    void activity(String id, int commandsExecuted, long lastActivityAt, long expiresAt) {
        jdbc.sql("UPDATE terminal_sessions SET commands_executed = ?, last_activity_at = ?, expires_at = ? WHERE id = ?")
                .params(commandsExecuted, lastActivityAt, expiresAt, id).update();
    }

    void size(String id, int cols, int rows) {
        jdbc.sql("UPDATE terminal_sessions SET terminal_cols = ?, terminal_rows = ? WHERE id = ?").params(cols, rows, id).update();
    }

    boolean rename(String id, String title) {
        return jdbc.sql("UPDATE terminal_sessions SET title = ? WHERE id = ?").params(title, id).update() == 1;
    }

    void share(String id, String token, long now) {
        jdbc.sql("UPDATE terminal_sessions SET share_token = ?, shared_at = ? WHERE id = ?").params(token, now, id).update();
    }

    void unshare(String id) {
        jdbc.sql("UPDATE terminal_sessions SET share_token = NULL, shared_at = NULL WHERE id = ?").param(id).update();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM terminal_sessions WHERE id = ?").param(id).update();
    }

    /** The ids of every stored session. */
    java.util.Set<String> ids() {
        return new java.util.HashSet<>(jdbc.sql("SELECT id FROM terminal_sessions").query(String.class).list());
    }

    /** Sessions a previous server process left open: their terminals died with it. */
    int endAllOpen(long now) {
        return jdbc.sql("UPDATE terminal_sessions SET status = ?, ended_at = ?, expires_at = ? WHERE status IN (?, ?, ?)")
                .params(SessionStatus.TERMINATED, now, now, SessionStatus.CREATED, SessionStatus.ACTIVE, SessionStatus.DISCONNECTED)
                .update();
    }

    private static Session session(ResultSet rs, int n) throws SQLException {
        long sharedAt = rs.getLong("shared_at");
        Long shared = rs.wasNull() ? null : sharedAt;
        long endedAt = rs.getLong("ended_at");
        Long ended = rs.wasNull() ? null : endedAt;
        return new Session(rs.getString("id"), rs.getLong("user_id"), rs.getString("title"), rs.getString("project"),
                rs.getString("status"), rs.getInt("terminal_rows"), rs.getInt("terminal_cols"), rs.getInt("commands_executed"),
                rs.getString("uploaded_files"), rs.getString("share_token"), shared, rs.getLong("created_at"),
                rs.getLong("last_activity_at"), rs.getLong("expires_at"), ended);
    }
}
