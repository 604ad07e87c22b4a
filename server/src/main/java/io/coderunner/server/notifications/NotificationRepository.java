package io.coderunner.server.notifications;

import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class NotificationRepository {

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long userId, String kind, long actorId, String actorUsername, Long postId, String postTitle, long now) {
        // The user may have been deleted since the event: then there is no one to tell.
        jdbc.sql("""
                INSERT INTO notifications (user_id, kind, actor_id, actor_username, post_id, post_title, created_at)
                SELECT id, ?, ?, ?, ?, ?, ? FROM users WHERE id = ?""")
                .params(kind, actorId, actorUsername, postId, postTitle, now, userId).update();
    }

    List<Notification> list(long userId, boolean unreadOnly, Page page) {
        return jdbc.sql("SELECT * FROM notifications WHERE user_id = ?" + (unreadOnly ? " AND read_at IS NULL" : "")
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(userId, page.limit(), page.skip())
                .query((rs, n) -> new Notification(rs.getLong("id"), rs.getString("kind"), nullableLong(rs, "actor_id"),
                        rs.getString("actor_username"), nullableLong(rs, "post_id"), rs.getString("post_title"),
                        Timestamps.iso(rs.getLong("created_at")), nullableLong(rs, "read_at") != null))
                .list();
    }

    /** getObject(column, Long.class) is refused by SQLite's driver for its INTEGER values; this works on both. */
    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    int unread(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL").param(userId)
                .query(Integer.class).single();
    }

    /** Marks the user's notifications read: those given, or all when none are. Others' are never touched. */
    int markRead(long userId, List<Long> ids, long now) {
        if (ids == null || ids.isEmpty()) {
            return jdbc.sql("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL").params(now, userId).update();
        }
        int changed = 0;
        for (Long id : ids) {
            changed += jdbc.sql("UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL")
                    .params(now, userId, id).update();
        }
        return changed;
    }
}
