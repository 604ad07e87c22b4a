package io.coderunner.server.library;

import io.coderunner.server.http.Page;
import io.coderunner.server.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The code_library table. Who may see a row is decided by the service, not here. */
@Repository
class CodeLibraryRepository {

    private final JdbcClient jdbc;

    CodeLibraryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The fields of an entry that its owner sets. */
    record Fields(String title, String description, String code, String language, List<String> tags, boolean isPublic,
                  Long environmentId) {
    }

    /**
     * Stores an entry unless its user already has {@code maxEntries} (negative: no limit); empty when
     * the limit was reached. Counting and inserting in one statement leaves no gap between the two
     * (as for API keys).
     */
    Optional<Long> insertWithin(int maxEntries, long userId, Fields fields, long now) {
        return jdbc.sql("""
                INSERT INTO code_library (user_id, title, description, code, language, is_public, tags, environment_id,
                                          created_at, updated_at)
                SELECT ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, CAST(? AS BIGINT), ?, ?
                WHERE ? < 0 OR (SELECT COUNT(*) FROM code_library WHERE user_id = ?) < ?
                RETURNING id""")
                .params(userId, fields.title(), fields.description(), fields.code(), fields.language(), fields.isPublic(),
                        Tags.store(fields.tags()), fields.environmentId(), now, now, maxEntries, userId, maxEntries)
                .query(Long.class).optional();
    }

    /** Changes the user's own entry; false when it is not (or no longer) theirs. */
    boolean update(long id, long userId, Fields fields, long now) {
        return jdbc.sql("""
                UPDATE code_library SET title = ?, description = ?, code = ?, language = ?, is_public = ?, tags = ?,
                                        environment_id = ?, updated_at = ?
                WHERE id = ? AND user_id = ?""")
                .params(fields.title(), fields.description(), fields.code(), fields.language(), fields.isPublic(),
                        Tags.store(fields.tags()), fields.environmentId(), now, id, userId)
                .update() > 0;
    }

    boolean delete(long id, long userId) {
        return jdbc.sql("DELETE FROM code_library WHERE id = ? AND user_id = ?").params(id, userId).update() > 0;
    }

    Optional<CodeEntry> findById(long id) {
        return jdbc.sql("SELECT * FROM code_library WHERE id = ?").param(id).query(CodeLibraryRepository::row).optional();
    }

    /** A user's entries, newest first. */
    List<CodeEntry> listByUser(long userId, Page page) {
        return jdbc.sql("SELECT * FROM code_library WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(userId, page.limit(), page.skip())
                .query(CodeLibraryRepository::row).list();
    }

    /** A user's entries that match, all of them or only the public ones. */
    List<CodeEntry> search(long userId, boolean publicOnly, CodeSearch search, Page page) {
        List<Object> params = new ArrayList<>();
        String where = where(userId, publicOnly, search, params);
        params.add(page.limit());
        params.add(page.skip());
        return jdbc.sql("SELECT * FROM code_library" + where + search.orderBy() + " LIMIT ? OFFSET ?").params(params)
                .query(CodeLibraryRepository::row).list();
    }

    long count(long userId, boolean publicOnly, CodeSearch search) {
        List<Object> params = new ArrayList<>();
        String where = where(userId, publicOnly, search, params);
        return jdbc.sql("SELECT COUNT(*) FROM code_library" + where).params(params).query(Long.class).single();
    }

    /** Everyone's public entries that match. */
    List<CodeEntry> searchPublic(CodeSearch search, Page page) {
        List<Object> params = new ArrayList<>();
        String where = publicWhere(search, params);
        params.add(page.limit());
        params.add(page.skip());
        return jdbc.sql("SELECT * FROM code_library" + where + search.orderBy() + " LIMIT ? OFFSET ?").params(params)
                .query(CodeLibraryRepository::row).list();
    }

    long countPublic(CodeSearch search) {
        List<Object> params = new ArrayList<>();
        String where = publicWhere(search, params);
        return jdbc.sql("SELECT COUNT(*) FROM code_library" + where).params(params).query(Long.class).single();
    }

    private static String publicWhere(CodeSearch search, List<Object> params) {
        params.add(true);
        return " WHERE is_public = ?" + search.conditions(params);
    }

    private static String where(long userId, boolean publicOnly, CodeSearch search, List<Object> params) {
        params.add(userId);
        String where = " WHERE user_id = ?";
        if (publicOnly) {
            where += " AND is_public = ?";
            params.add(true);
        }
        return where + search.conditions(params);
    }

    private static CodeEntry row(ResultSet rs, int n) throws SQLException {
        return new CodeEntry(rs.getLong("id"), rs.getLong("user_id"), rs.getString("title"), rs.getString("description"),
                rs.getString("code"), rs.getString("language"), rs.getBoolean("is_public"), Tags.load(rs.getString("tags")),
                Rows.longOrNull(rs, "environment_id"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
