package io.coderunner.server.accounts;

import io.coderunner.server.http.Page;
import io.coderunner.server.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table. Names and e-mail addresses are unique regardless of case. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredUser> findById(long id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(UserRepository::row).optional();
    }

    /** By user name or, failing that, by e-mail address (sign-in takes either). */
    Optional<StoredUser> findByLogin(String login) {
        return jdbc.sql("SELECT * FROM users WHERE LOWER(username) = LOWER(?) OR LOWER(email) = LOWER(?) "
                        + "ORDER BY CASE WHEN LOWER(username) = LOWER(?) THEN 0 ELSE 1 END LIMIT 1")
                .params(login, login, login).query(UserRepository::row).optional();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE LOWER(username) = LOWER(?)").param(username)
                .query(Long.class).single() > 0;
    }

    boolean emailTaken(String email, Long exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE LOWER(email) = LOWER(?) AND id <> ?")
                .params(email, exceptId == null ? -1L : exceptId).query(Long.class).single() > 0;
    }

    long insert(String username, String email, String hash, String fullName, boolean active, boolean admin, int level, long now) {
        return jdbc.sql("""
                INSERT INTO users (username, email, hashed_password, full_name, is_active, is_admin, user_level, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(username, email, hash, fullName, active, admin, level, now)
                .query(Long.class).single();
    }

    List<StoredUser> list(Page page) {
        return jdbc.sql("SELECT * FROM users ORDER BY id LIMIT ? OFFSET ?").params(page.limit(), page.skip())
                .query(UserRepository::row).list();
    }

    long countActiveAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE is_admin = ? AND is_active = ?").params(true, true)
                .query(Long.class).single();
    }

    void update(StoredUser user) {
        jdbc.sql("""
                UPDATE users SET email = ?, full_name = ?, is_active = ?, is_admin = ?, user_level = ?,
                                 tokens_valid_after = ? WHERE id = ?""")
                .params(user.email(), user.fullName(), user.active(), user.admin(), user.level(), user.tokensValidAfter(),
                        user.id())
                .update();
    }

    boolean setFullName(long id, String fullName) {
        return jdbc.sql("UPDATE users SET full_name = ? WHERE id = ?").params(fullName, id).update() > 0;
    }

    void setPassword(long id, String hash, long tokensValidAfter) {
        jdbc.sql("UPDATE users SET hashed_password = ?, tokens_valid_after = ?, failed_logins = 0, locked_until = NULL WHERE id = ?")
                .params(hash, tokensValidAfter, id).update();
    }

    /** Counts a failed sign-in; returns the count after it. */
    int recordFailedLogin(long id) {
        jdbc.sql("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?").param(id).update();
        return jdbc.sql("SELECT failed_logins FROM users WHERE id = ?").param(id).query(Integer.class).single();
    }

    void lockUntil(long id, long until) {
        jdbc.sql("UPDATE users SET locked_until = ?, failed_logins = 0 WHERE id = ?").params(until, id).update();
    }

    void recordSuccessfulLogin(long id) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
                .param(id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update();
    }

    boolean anyAdmin() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE is_admin = ?").param(true).query(Long.class).single() > 0;
    }

    private static StoredUser row(ResultSet rs, int n) throws SQLException {
        return new StoredUser(rs.getLong("id"), rs.getString("username"), rs.getString("email"),
                rs.getString("hashed_password"), rs.getString("full_name"), rs.getBoolean("is_active"),
                rs.getBoolean("is_admin"), rs.getInt("user_level"), rs.getLong("created_at"), rs.getInt("failed_logins"),
                Rows.longOrNull(rs, "locked_until"), rs.getLong("tokens_valid_after"));
    }
}
