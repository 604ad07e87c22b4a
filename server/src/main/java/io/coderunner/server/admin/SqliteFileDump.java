package io.coderunner.server.admin;

import io.coderunner.server.http.BadRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** An exported SQLite database file, opened read-only and checked for integrity before it is read. */
final class SqliteFileDump implements Dump {

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Connection connection;
    private final String migrationVersion;
    private final Map<String, List<String>> tables;

    private SqliteFileDump(Connection connection, String migrationVersion, Map<String, List<String>> tables) {
        this.connection = connection;
        this.migrationVersion = migrationVersion;
        this.tables = tables;
    }

    static boolean looksLike(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    static SqliteFileDump open(Path file) {
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new BadRequestException("the SQLite file is damaged: " + verdict);
                }
            }
            return new SqliteFileDump(connection, DatabaseTables.migrationVersion(connection), DatabaseTables.describe(connection));
        } catch (SQLException e) {
            close(connection);
            throw new BadRequestException("the SQLite file cannot be read as a CodeRunner database: " + e.getMessage());
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    @Override
    public String migrationVersion() {
        return migrationVersion;
    }

    @Override
    public Map<String, List<String>> tables() {
        return tables;
    }

    @Override
    public Iterable<List<Object>> rows(String table) {
        List<String> columns = tables.get(table);
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " ORDER BY 1")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new BadRequestException("cannot read table " + table + " of the SQLite file: " + e.getMessage());
        }
        return rows;
    }

    @Override
    public void close() {
        close(connection);
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing was written through it.
            }
        }
    }
}
