package io.coderunner.server.apikeys;

import io.coderunner.server.http.Page;
import io.coderunner.server.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The api_keys table. A user's keys are always looked up with their user id, so no one reaches another's. */
@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, user_id, key_name, key_prefix, scopes, is_active, last_used, usage_count, "
            + "created_at, expires_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a key unless its user already has {@code maxKeys} (negative: no limit); empty when the
     * limit was reached. Counting and inserting in one statement leaves no gap between the check
     * and the insert on SQLite, where statements run one at a time, and needs no transaction that
     * reads before it writes (which SQLite in WAL mode may refuse when another write came between).
     */
    Optional<Long> insertWithin(int maxKeys, long userId, String keyName, String keyHash, String keyPrefix,
                                Set<ApiScope> scopes, long now, Long expiresAt) {
        return jdbc.sql("""
                INSERT INTO api_keys (user_id, key_name, key_hash, key_prefix, scopes, is_active, usage_count, created_at,
                                      expires_at)
                SELECT ?, ?, ?, ?, ?, ?, 0, ?, CAST(? AS BIGINT)
                WHERE ? < 0 OR (SELECT COUNT(*) FROM api_keys WHERE user_id = ?) < ?
                RETURNING id""")
                .params(userId, keyName, keyHash, keyPrefix, ApiScope.store(scopes), true, now, expiresAt,
                        maxKeys, userId, maxKeys)
                .query(Long.class).optional();
    }

    Optional<ApiKey> find(long userId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = ? AND user_id = ?").params(id, userId)
                .query(ApiKeyRepository::row).optional();
    }

    Optional<ApiKey> findByHash(String keyHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?").param(keyHash)
                .query(ApiKeyRepository::row).optional();
    }

    /** Newest first. */
    List<ApiKey> list(long userId, Page page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(userId, page.limit(), page.skip())
                .query(ApiKeyRepository::row).list();
    }

    /** Flips whether the key works; returns whether it does now, or empty when it is not the user's. */
    Optional<Boolean> toggle(long userId, long id) {
        return jdbc.sql("UPDATE api_keys SET is_active = NOT is_active WHERE id = ? AND user_id = ? RETURNING is_active")
                .params(id, userId).query((rs, n) -> rs.getBoolean(1)).optional();
    }

    boolean delete(long userId, long id) {
        return jdbc.sql("DELETE FROM api_keys WHERE id = ? AND user_id = ?").params(id, userId).update() > 0;
    }

    /** Counted in the database, so that concurrent requests with one key lose no use. */
    void recordUse(long id, long now) {
        jdbc.sql("UPDATE api_keys SET last_used = ?, usage_count = usage_count + 1 WHERE id = ?").params(now, id).update();
    }

    private static ApiKey row(ResultSet rs, int n) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getLong("user_id"), rs.getString("key_name"), rs.getString("key_prefix"),
                ApiScope.load(rs.getString("scopes")), rs.getBoolean("is_active"), Rows.longOrNull(rs, "last_used"),
                rs.getLong("usage_count"), rs.getLong("created_at"), Rows.longOrNull(rs, "expires_at"));
    }
}
