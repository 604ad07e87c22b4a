package io.coderunner.server.library;

import io.coderunner.server.system.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    Optional<CodeEntry> findById(long id) {
        return jdbc.sql("SELECT * FROM code_library WHERE id = ?").param(id).query(CodeLibraryRepository::row).optional();
    }

    /** A user's entries, newest first. */
    List<CodeEntry> listByUser(long userId, Page page) {
        return jdbc.sql("SELECT * FROM code_library WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(userId, page.limit(), page.skip())
                .query(CodeLibraryRepository::row).list();
    }

    private static CodeEntry row(ResultSet rs, int n) throws SQLException {
        return new CodeEntry(rs.getLong("id"), rs.getLong("user_id"), rs.getString("title"), rs.getString("description"),
                rs.getString("code"), rs.getString("language"), rs.getBoolean("is_public"), Tags.load(rs.getString("tags")),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
