package io.coderunner.server.community;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Likes and favourites: one row per (thing, user), the primary key deciding whether it is there,
 * and a counter on the thing that always equals its rows.
 */
@Repository
class Reactions {

    /** What can be liked or kept; the names are fixed here, never taken from a request. */
    enum Kind {
        POST_LIKE("post_likes", "post_id", "posts", "like_count"),
        POST_FAVORITE("post_favorites", "post_id", "posts", "favorite_count"),
        COMMENT_LIKE("comment_likes", "comment_id", "comments", "like_count");

        private final String table;
        private final String key;
        private final String target;
        private final String counter;

        Kind(String table, String key, String target, String counter) {
            this.table = table;
            this.key = key;
            this.target = target;
            this.counter = counter;
        }
    }

    /** Whether the user now likes (keeps) the thing, and how many do. */
    record Toggled(boolean on, long count) {
    }

    private final JdbcClient jdbc;

    Reactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the user's row, or removes it if it was there; empty when the thing no longer exists.
     * The thing's row is locked first (a write, so that SQLite takes its write lock before reading
     * anything), so concurrent toggles of one thing run one after the other and the counter, counted
     * again from the rows before the transaction ends, cannot drift from them.
     */
    @Transactional
    Optional<Toggled> toggle(Kind kind, long targetId, long userId, long now) {
        int found = jdbc.sql("UPDATE " + kind.target + " SET " + kind.counter + " = " + kind.counter + " WHERE id = ?")
                .param(targetId).update();
        if (found == 0) {
            return Optional.empty();
        }
        boolean removed = jdbc.sql("DELETE FROM " + kind.table + " WHERE " + kind.key + " = ? AND user_id = ?")
                .params(targetId, userId).update() > 0;
        if (!removed) {
            jdbc.sql("INSERT INTO " + kind.table + " (" + kind.key + ", user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(targetId, userId, now).update();
        }
        long count = jdbc.sql("UPDATE " + kind.target + " SET " + kind.counter + " = (SELECT COUNT(*) FROM " + kind.table
                        + " WHERE " + kind.key + " = ?) WHERE id = ? RETURNING " + kind.counter)
                .params(targetId, targetId).query(Long.class).single();
        return Optional.of(new Toggled(!removed, count));
    }

    /**
     * Counts every counter again from the rows. For when rows went without this module knowing: a
     * deleted user's likes and comments go with the user (ON DELETE CASCADE).
     */
    @Transactional
    int recountAll() {
        int changed = 0;
        for (Kind kind : Kind.values()) {
            String count = "(SELECT COUNT(*) FROM " + kind.table + " r WHERE r." + kind.key + " = " + kind.target + ".id)";
            changed += jdbc.sql("UPDATE " + kind.target + " SET " + kind.counter + " = " + count + " WHERE " + kind.counter
                    + " <> " + count).update();
        }
        String comments = "(SELECT COUNT(*) FROM comments c WHERE c.post_id = posts.id)";
        changed += jdbc.sql("UPDATE posts SET comment_count = " + comments + " WHERE comment_count <> " + comments).update();
        return changed;
    }
}
