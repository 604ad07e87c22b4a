package io.coderunner.server.environments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user_environments table. */
@Repository
class EnvironmentStore {

    private static final String SELECT = """
            SELECT e.*, u.username AS owner FROM user_environments e JOIN users u ON u.id = e.user_id""";

    private final JdbcClient jdbc;

    EnvironmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds an environment unless the user already has {@code max} of them (negative: no limit); empty when refused. */
    Optional<Long> insertWithin(int max, long userId, String name, String description, String language, String version,
                                boolean isPublic, long now) {
        return jdbc.sql("""
                        INSERT INTO user_environments (user_id, name, description, language, version, is_public, generation,
                                                       created_at, updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, 1, ?, ?
                        WHERE ? < 0 OR (SELECT COUNT(*) FROM user_environments WHERE user_id = ?) < ?
                        RETURNING id""")
                .params(userId, name, description, language, version, isPublic, now, now, max, userId, max)
                .query(Long.class).optional();
    }

    List<Long> ids() {
        return jdbc.sql("SELECT id FROM user_environments").query(Long.class).list();
    }

    boolean nameTaken(long userId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM user_environments WHERE user_id = ? AND name = ?").params(userId, name)
                .query(Long.class).single() > 0;
    }

    Optional<StoredEnvironment> find(long id) {
        return jdbc.sql(SELECT + " WHERE e.id = ?").param(id).query(EnvironmentStore::row).optional();
    }

    /** The user's own environment of this name, else a public one of that name (the oldest). */
    Optional<StoredEnvironment> findReadable(long userId, String name) {
        return jdbc.sql(SELECT + " WHERE e.name = ? AND (e.user_id = ? OR e.is_public = TRUE) "
                        + "ORDER BY CASE WHEN e.user_id = ? THEN 0 ELSE 1 END, e.id LIMIT 1")
                .params(name, userId, userId).query(EnvironmentStore::row).optional();
    }

    Optional<StoredEnvironment> findOwn(long userId, String name) {
        return jdbc.sql(SELECT + " WHERE e.user_id = ? AND e.name = ?").params(userId, name)
                .query(EnvironmentStore::row).optional();
    }

    List<StoredEnvironment> ofUser(long userId) {
        return jdbc.sql(SELECT + " WHERE e.user_id = ? ORDER BY e.name").param(userId).query(EnvironmentStore::row).list();
    }

    /** Public environments of other users. */
    List<StoredEnvironment> publicOthers(long userId) {
        return jdbc.sql(SELECT + " WHERE e.is_public = TRUE AND e.user_id <> ? ORDER BY e.name, e.id").param(userId)
                .query(EnvironmentStore::row).list();
    }

    List<StoredEnvironment> all(int limit, int offset) {
        return jdbc.sql(SELECT + " ORDER BY e.id LIMIT ? OFFSET ?").params(limit, offset).query(EnvironmentStore::row).list();
    }

    boolean update(long id, String name, String description, boolean isPublic, long now) {
        return jdbc.sql("UPDATE user_environments SET name = ?, description = ?, is_public = ?, updated_at = ? WHERE id = ?")
                .params(name, description, isPublic, now, id).update() == 1;
    }

    void advanceGeneration(long id, int generation, long now) {
        jdbc.sql("UPDATE user_environments SET generation = ?, updated_at = ? WHERE id = ?").params(generation, now, id).update();
    }

    void touch(long id, long now) {
        jdbc.sql("UPDATE user_environments SET last_used_at = ? WHERE id = ?").params(now, id).update();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM user_environments WHERE id = ?").param(id).update() == 1;
    }

    private static StoredEnvironment row(ResultSet rs, int n) throws SQLException {
        long lastUsed = rs.getLong("last_used_at");
        Long lastUsedAt = rs.wasNull() ? null : lastUsed;
        return new StoredEnvironment(rs.getLong("id"), rs.getLong("user_id"), rs.getString("owner"), rs.getString("name"),
                rs.getString("description"), rs.getString("language"), rs.getString("version"), rs.getBoolean("is_public"),
                rs.getInt("generation"), rs.getLong("created_at"), rs.getLong("updated_at"), lastUsedAt);
    }
}
