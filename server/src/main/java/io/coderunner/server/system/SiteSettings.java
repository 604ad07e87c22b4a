package io.coderunner.server.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Settings administrators change while the server runs, kept in the database so they outlive a
 * restart and hold for every server on the same database. Each module owns its settings' names,
 * types and defaults; this only stores their text. Read on every run, so a value is remembered
 * for a few seconds: a change made on another server is seen within that time, on this one at once.
 */
@Service
public class SiteSettings {

    private static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Cache<String, Optional<String>> values = Caffeine.newBuilder().expireAfterWrite(REMEMBERED).build();

    SiteSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        return values.get(name, key -> jdbc.sql("SELECT value FROM site_settings WHERE name = ?").param(key)
                .query(String.class).optional());
    }

    public void put(String name, String value, Long updatedBy) {
        jdbc.sql("INSERT INTO site_settings (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (name) "
                        + "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .params(name, value, clock.millis(), updatedBy).update();
        values.invalidate(name);
    }
}
