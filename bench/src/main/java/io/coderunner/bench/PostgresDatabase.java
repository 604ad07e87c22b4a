package io.coderunner.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A PostgreSQL database of the benchmark's own on 127.0.0.1:5432, dropped when closed. */
final class PostgresDatabase implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Null when PostgreSQL is not reachable here. */
    static PostgresDatabase createOrNull() {
        String name = "coderunner_bench_" + ProcessHandle.current().pid();
        try {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            admin("CREATE DATABASE " + name);
            return new PostgresDatabase(name);
        } catch (SQLException e) {
            System.err.println("PostgreSQL is not reachable at 127.0.0.1:5432 (" + e.getMessage() + "): measuring SQLite only");
            return null;
        }
    }

    String url() {
        return SERVER + name + "?user=postgres";
    }

    @Override
    public void close() {
        try {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
