package io.coderunner.server.ai;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ai_configs table. A user's configurations are always looked up with their user id, so no one
 * reaches another's. Making one active and the others inactive happens in one transaction that
 * first locks all of the user's rows (a write, so that SQLite takes its write lock at once), so
 * concurrent switches of one user run one after the other. The unique index on active
 * configurations is the last word: a transaction it refuses (two first configurations at once), or
 * one the database ends as a deadlock, is tried again against the committed state.
 */
@Repository
class AiConfigRepository {

    private static final String COLUMNS = "id, user_id, config_name, provider, model_name, api_key_encrypted, api_key_hint, "
            + "base_url, temperature, max_tokens, is_active, created_at, updated_at";
    private static final int ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AiConfigRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Stores a configuration unless the user already has {@code max}; empty when the limit was reached. */
    Optional<Long> insert(AiConfig c, int max) {
        return switching(() -> {
            if (c.active()) {
                lockAndDeactivateAll(c.userId());
            }
            return jdbc.sql("""
                    INSERT INTO ai_configs (user_id, config_name, provider, model_name, api_key_encrypted, api_key_hint,
                                            base_url, temperature, max_tokens, is_active, created_at, updated_at)
                    SELECT ?, ?, ?, ?, ?, ?, ?, CAST(? AS DOUBLE PRECISION), CAST(? AS INTEGER), ?, ?, ?
                    WHERE (SELECT COUNT(*) FROM ai_configs WHERE user_id = ?) < ?
                    RETURNING id""")
                    .params(c.userId(), c.configName(), c.provider().id(), c.modelName(), c.apiKeyEncrypted(),
                            c.apiKeyHint(), c.baseUrl(), c.temperature(), c.maxTokens(), c.active(), c.createdAt(),
                            c.updatedAt(), c.userId(), max)
                    .query(Long.class).optional();
        });
    }

    /** Writes every field of the configuration (its user's, by id); false when it is gone. */
    boolean update(AiConfig c) {
        return switching(() -> {
            if (c.active()) {
                lockAndDeactivateAll(c.userId());
            }
            return jdbc.sql("""
                    UPDATE ai_configs SET config_name = ?, provider = ?, model_name = ?, api_key_encrypted = ?,
                        api_key_hint = ?, base_url = ?, temperature = CAST(? AS DOUBLE PRECISION),
                        max_tokens = CAST(? AS INTEGER), is_active = ?, updated_at = ?
                    WHERE id = ? AND user_id = ?""")
                    .params(c.configName(), c.provider().id(), c.modelName(), c.apiKeyEncrypted(), c.apiKeyHint(),
                            c.baseUrl(), c.temperature(), c.maxTokens(), c.active(), c.updatedAt(), c.id(), c.userId())
                    .update() > 0;
        });
    }

    Optional<AiConfig> find(long userId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_configs WHERE id = ? AND user_id = ?").params(id, userId)
                .query(AiConfigRepository::row).optional();
    }

    Optional<AiConfig> findActive(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_configs WHERE user_id = ? AND is_active").param(userId)
                .query(AiConfigRepository::row).optional();
    }

    /** Oldest first. */
    List<AiConfig> list(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_configs WHERE user_id = ? ORDER BY created_at, id").param(userId)
                .query(AiConfigRepository::row).list();
    }

    boolean delete(long userId, long id) {
        return jdbc.sql("DELETE FROM ai_configs WHERE id = ? AND user_id = ?").params(id, userId).update() > 0;
    }

    private void lockAndDeactivateAll(long userId) {
        jdbc.sql("UPDATE ai_configs SET is_active = is_active WHERE user_id = ?").param(userId).update();
        jdbc.sql("UPDATE ai_configs SET is_active = FALSE WHERE user_id = ? AND is_active").param(userId).update();
    }

    private <T> T switching(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> work.get());
            } catch (DuplicateKeyException | ConcurrencyFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static AiConfig row(ResultSet rs, int n) throws SQLException {
        double temperature = rs.getDouble("temperature");
        Double t = rs.wasNull() ? null : temperature;
        int maxTokens = rs.getInt("max_tokens");
        Integer m = rs.wasNull() ? null : maxTokens;
        return new AiConfig(rs.getLong("id"), rs.getLong("user_id"), rs.getString("config_name"),
                Provider.parse(rs.getString("provider")), rs.getString("model_name"), rs.getString("api_key_encrypted"),
                rs.getString("api_key_hint"), rs.getString("base_url"), t, m, rs.getBoolean("is_active"),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
