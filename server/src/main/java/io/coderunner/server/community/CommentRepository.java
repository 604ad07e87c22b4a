package io.coderunner.server.community;

import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The comments table, and the post's comment_count with it. Adding or deleting comments locks the
 * post's row first (by writing its counter), so the changes of one post's comments run one after
 * the other and the counter always equals the rows.
 */
@Repository
class CommentRepository {

    private static final String SELECT = """
            SELECT c.*, EXISTS (SELECT 1 FROM comment_likes l WHERE l.comment_id = c.id AND l.user_id = :caller) AS liked
            FROM comments c
            """;

    private final JdbcClient jdbc;

    CommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a comment on the post, or a reply to {@code parent} (which must be on the same post). */
    @Transactional
    long insert(long postId, long userId, Comment parent, String content, long now) {
        int found = jdbc.sql("UPDATE posts SET comment_count = comment_count + 1 WHERE id = ?").param(postId).update();
        if (found == 0) {
            throw new NotFoundException("post " + postId + " not found");
        }
        if (parent == null) {
            return jdbc.sql("""
                    INSERT INTO comments (post_id, user_id, parent_id, depth, content, like_count, created_at, updated_at)
                    VALUES (?, ?, NULL, 0, ?, 0, ?, ?) RETURNING id""")
                    .params(postId, userId, content, now, now).query(Long.class).single();
        }
        return jdbc.sql("""
                INSERT INTO comments (post_id, user_id, parent_id, depth, content, like_count, created_at, updated_at)
                SELECT ?, ?, ?, ?, ?, 0, ?, ? WHERE EXISTS (SELECT 1 FROM comments WHERE id = ? AND post_id = ?)
                RETURNING id""")
                .params(postId, userId, parent.id(), parent.depth() + 1, content, now, now, parent.id(), postId)
                .query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("comment " + parent.id() + " (parent_id) not found: it was deleted"));
    }

    Optional<Comment> find(long callerId, long id) {
        return jdbc.sql(SELECT + " WHERE c.id = :id").param("caller", callerId).param("id", id)
                .query(CommentRepository::row).optional();
    }

    /** All of a post's comments, oldest first. */
    List<Comment> listByPost(long callerId, long postId) {
        return jdbc.sql(SELECT + " WHERE c.post_id = :post ORDER BY c.created_at, c.id").param("caller", callerId)
                .param("post", postId).query(CommentRepository::row).list();
    }

    boolean updateContent(long id, String content, long now) {
        return jdbc.sql("UPDATE comments SET content = ?, updated_at = ? WHERE id = ?").params(content, now, id).update() > 0;
    }

    /** Deletes the comment and its replies; returns how many comments the post has left. */
    @Transactional
    long delete(long postId, long id) {
        jdbc.sql("UPDATE posts SET comment_count = comment_count WHERE id = ?").param(postId).update();
        jdbc.sql("DELETE FROM comments WHERE id = ?").param(id).update();
        return jdbc.sql("UPDATE posts SET comment_count = (SELECT COUNT(*) FROM comments WHERE post_id = ?) WHERE id = ? "
                        + "RETURNING comment_count")
                .params(postId, postId).query(Long.class).optional().orElse(0L);
    }

    private static Comment row(ResultSet rs, int n) throws SQLException {
        return new Comment(rs.getLong("id"), rs.getLong("post_id"), rs.getLong("user_id"), Rows.longOrNull(rs, "parent_id"),
                rs.getInt("depth"), rs.getString("content"), rs.getLong("like_count"), rs.getLong("created_at"),
                rs.getLong("updated_at"), rs.getBoolean("liked"));
    }
}
