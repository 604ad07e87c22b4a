package io.coderunner.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a test server uses. By default the embedded SQLite file in the test's data
 * directory; with {@code -Dcoderunner.test.database=postgresql} (the build's second test run) a
 * PostgreSQL database of its own on 127.0.0.1:5432, created for the test and dropped when the
 * JVM ends. Where PostgreSQL is not reachable, that run's tests say so and are skipped.
 */
public final class TestDatabase {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = System.getProperty("coderunner.test.postgres-user", "postgres");

    private TestDatabase() {
    }

    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("coderunner.test.database"));
    }

    /**
     * Null when the tests may run; else why they cannot. Only a PostgreSQL that is not there (nothing
     * listening) is a reason to skip; one that is there but refuses (too many clients, a wrong
     * user) fails the tests, as it would otherwise hide them.
     */
    public static String unavailable() {
        if (!postgresql()) {
            return null;
        }
        try (Connection ignored = DriverManager.getConnection(POSTGRES + "postgres", USER, null)) {
            return null;
        } catch (SQLException e) {
            if (e.getCause() instanceof java.net.ConnectException) {
                return "PostgreSQL is not reachable at 127.0.0.1:5432 (" + e.getMessage() + "): skipping the PostgreSQL run";
            }
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 refused the tests as " + USER + ": " + e.getMessage(), e);
        }
    }

    public static void register(DynamicPropertyRegistry registry) {
        if (!postgresql() || unavailable() != null) {
            return;
        }
        String name = "coderunner_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        registry.add("coderunner.database-url", () -> POSTGRES + name + "?user=" + USER);
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
