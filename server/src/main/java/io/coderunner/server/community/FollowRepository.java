package io.coderunner.server.community;

import io.coderunner.server.http.Page;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The follows table: who follows whom. Counts are counted, not kept, so they cannot drift. */
@Repository
class FollowRepository {

    private final JdbcClient jdbc;

    FollowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Follows, or stops following if it did; returns whether the follower follows now. */
    boolean toggle(long followerId, long followeeId, long now) {
        if (jdbc.sql("DELETE FROM follows WHERE follower_id = ? AND followee_id = ?").params(followerId, followeeId).update() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(followerId, followeeId, now).update();
        return true;
    }

    boolean follows(long followerId, long followeeId) {
        return jdbc.sql("SELECT COUNT(*) FROM follows WHERE follower_id = ? AND followee_id = ?").params(followerId, followeeId)
                .query(Long.class).single() > 0;
    }

    long countFollowers(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM follows WHERE followee_id = ?").param(userId).query(Long.class).single();
    }

    long countFollowing(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM follows WHERE follower_id = ?").param(userId).query(Long.class).single();
    }

    /** Newest follower first. */
    List<Long> followers(long userId, Page page) {
        return jdbc.sql("SELECT follower_id FROM follows WHERE followee_id = ? ORDER BY created_at DESC, follower_id DESC "
                        + "LIMIT ? OFFSET ?")
                .params(userId, page.limit(), page.skip()).query(Long.class).list();
    }

    /** Most recently followed first. */
    List<Long> following(long userId, Page page) {
        return jdbc.sql("SELECT followee_id FROM follows WHERE follower_id = ? ORDER BY created_at DESC, followee_id DESC "
                        + "LIMIT ? OFFSET ?")
                .params(userId, page.limit(), page.skip()).query(Long.class).list();
    }
}
