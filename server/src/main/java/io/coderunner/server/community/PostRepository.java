package io.coderunner.server.community;

import io.coderunner.server.http.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The posts table. Every read is made for a caller: it says whether they like and keep each post,
 * and lists only what they may see. The counters are changed by {@link Reactions} and
 * {@link CommentRepository}.
 */
@Repository
class PostRepository {

    private static final String SELECT = """
            SELECT p.*,
                   EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.user_id = :caller) AS liked,
                   EXISTS (SELECT 1 FROM post_favorites f WHERE f.post_id = p.id AND f.user_id = :caller) AS favorited
            FROM posts p
            """;

    private final JdbcClient jdbc;

    PostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long userId, NewPost post, long now) {
        return jdbc.sql("""
                INSERT INTO posts (user_id, title, content, code_snippet, code_language, tags, is_public, like_count,
                                   favorite_count, comment_count, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?) RETURNING id""")
                .params(userId, post.title(), post.content(), post.codeSnippet(), post.codeLanguage(), Tags.store(post.tags()),
                        post.isPublic(), now, now)
                .query(Long.class).single();
    }

    /** Rewrites the post if it is still there and still the author's. */
    boolean update(long id, long userId, NewPost post, long now) {
        return jdbc.sql("""
                UPDATE posts SET title = ?, content = ?, code_snippet = ?, code_language = ?, tags = ?, is_public = ?,
                                 updated_at = ?
                WHERE id = ? AND user_id = ?""")
                .params(post.title(), post.content(), post.codeSnippet(), post.codeLanguage(), Tags.store(post.tags()),
                        post.isPublic(), now, id, userId)
                .update() > 0;
    }

    /** The post whatever its visibility; the caller only decides liked and favorited. */
    Optional<Post> find(long callerId, long id) {
        return jdbc.sql(SELECT + " WHERE p.id = :id").param("caller", callerId).param("id", id)
                .query(PostRepository::row).optional();
    }

    /** Newest first. */
    List<Post> list(PostFilter filter, Page page) {
        Where where = where(filter);
        return where.bind(jdbc.sql(SELECT + where.sql() + " ORDER BY p.created_at DESC, p.id DESC LIMIT :limit OFFSET :skip"))
                .param("caller", filter.callerId()).param("limit", page.limit()).param("skip", page.skip())
                .query(PostRepository::row).list();
    }

    long count(PostFilter filter) {
        Where where = where(filter);
        return where.bind(jdbc.sql("SELECT COUNT(*) FROM posts p" + where.sql())).query(Long.class).single();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM posts WHERE id = ?").param(id).update() > 0;
    }

    long countPublic(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM posts WHERE user_id = ? AND is_public = ?").params(userId, true)
                .query(Long.class).single();
    }

    long likesOnPublicPosts(long userId) {
        return jdbc.sql("SELECT COALESCE(SUM(like_count), 0) FROM posts WHERE user_id = ? AND is_public = ?")
                .params(userId, true).query(Long.class).single();
    }

    private static Where where(PostFilter filter) {
        StringBuilder sql = new StringBuilder(" WHERE (p.is_public = :public OR p.user_id = :caller)");
        if (filter.following()) {
            sql.append(" AND p.user_id IN (SELECT followee_id FROM follows WHERE follower_id = :caller)");
        }
        if (filter.userId() != null) {
            sql.append(" AND p.user_id = :user");
        }
        if (filter.tag() != null) {
            sql.append(" AND p.tags LIKE :tag").append(Like.ESCAPE);
        }
        if (filter.search() != null) {
            sql.append(" AND (LOWER(p.title) LIKE :search").append(Like.ESCAPE)
                    .append(" OR LOWER(p.content) LIKE :search").append(Like.ESCAPE).append(")");
        }
        return new Where(sql.toString(), filter);
    }

    /** A WHERE clause and the values of its parameters. */
    private record Where(String sql, PostFilter filter) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            statement = statement.param("public", true).param("caller", filter.callerId());
            if (filter.userId() != null) {
                statement = statement.param("user", filter.userId());
            }
            if (filter.tag() != null) {
                statement = statement.param("tag", Tags.likePattern(filter.tag()));
            }
            if (filter.search() != null) {
                statement = statement.param("search", Like.containing(filter.search()));
            }
            return statement;
        }
    }

    private static Post row(ResultSet rs, int n) throws SQLException {
        return new Post(rs.getLong("id"), rs.getLong("user_id"), rs.getString("title"), rs.getString("content"),
                rs.getString("code_snippet"), rs.getString("code_language"), Tags.load(rs.getString("tags")),
                rs.getBoolean("is_public"), rs.getLong("like_count"), rs.getLong("favorite_count"),
                rs.getLong("comment_count"), rs.getLong("created_at"), rs.getLong("updated_at"), rs.getBoolean("liked"),
                rs.getBoolean("favorited"));
    }
}
