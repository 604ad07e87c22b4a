package io.coderunner.server.admin;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.persistence.Database;
import io.coderunner.server.persistence.OwnerOnly;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Export and import of the whole database while the server runs.
 *
 * <p>Export is a consistent snapshot: SQLite writes itself to a new file ({@code VACUUM INTO});
 * PostgreSQL is read in one repeatable-read, read-only transaction into the portable JSON form.
 * Import accepts either form on either database. It reads and checks the whole file first (format,
 * integrity, migration version, tables and columns), keeps an export of the current database in
 * {@code backups/} of the data directory, and then replaces every table's rows in one transaction:
 * if anything fails, nothing has changed.
 */
@Service
class DatabaseTransfer {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTransfer.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Database database;
    private final CodeRunnerSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DatabaseTransfer(DataSource dataSource, Database database, CodeRunnerSettings settings, ApplicationEventPublisher events,
                     Clock clock) {
        this.dataSource = dataSource;
        this.database = database;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    record Export(Path file, String fileName, String contentType) {
    }

    /** A snapshot in a temporary file; the caller sends and deletes it. */
    Export export() {
        String stamp = STAMP.format(clock.instant());
        try {
            Path file = Files.createTempFile("coderunner-export", database.sqlite() ? ".db" : ".json");
            writeSnapshot(file);
            return database.sqlite()
                    ? new Export(file, "coderunner-" + stamp + ".db", "application/vnd.sqlite3")
                    : new Export(file, "coderunner-" + stamp + ".json", "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
    }

    private void writeSnapshot(Path file) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            if (database.sqlite()) {
                Files.deleteIfExists(file);
                try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                    vacuum.setString(1, file.toString());
                    vacuum.execute();
                }
                return;
            }
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (OutputStream out = Files.newOutputStream(file)) {
                JsonDump.write(connection, "postgresql", out);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot export the database: " + e.getMessage(), e);
        }
    }

    /** Replaces every row with the file's; answers what was imported. */
    Map<String, Object> importFile(Path file, Caller admin) {
        try (Dump dump = open(file); Connection connection = dataSource.getConnection()) {
            Map<String, List<String>> target = DatabaseTables.describe(connection);
            check(dump, target, DatabaseTables.migrationVersion(connection));
            Path backup = backup();
            Map<String, Integer> counts = replace(connection, dump, target);
            events.publishEvent(AuditEvent.success(admin.userId(), admin.username(), "import_database", "database", null,
                    "rows=" + counts + " backup=" + backup.getFileName()));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("message", "database imported");
            answer.put("tables", counts);
            answer.put("backup", backup.getFileName().toString());
            return answer;
        } catch (SQLException e) {
            throw new BadRequestException("the import was refused and nothing changed: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dump open(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new BadRequestException("the file is empty");
        }
        if (SqliteFileDump.looksLike(file)) {
            return SqliteFileDump.open(file);
        }
        if (JsonDump.looksLike(file)) {
            return JsonDump.read(file);
        }
        throw new BadRequestException("the file is neither a SQLite database nor a CodeRunner JSON export");
    }

    private static void check(Dump dump, Map<String, List<String>> target, String version) {
        if (!dump.migrationVersion().equals(version)) {
            throw new BadRequestException("the file's schema is at migration " + dump.migrationVersion()
                    + " and this server's at " + version + ": export and import with the same version");
        }
        for (Map.Entry<String, List<String>> table : dump.tables().entrySet()) {
            List<String> columns = target.get(table.getKey());
            if (columns == null) {
                throw new BadRequestException("the file has a table this server does not: " + table.getKey());
            }
            if (!columns.containsAll(table.getValue())) {
                throw new BadRequestException("table " + table.getKey() + " of the file has columns this server does not");
            }
        }
    }

    private Map<String, Integer> replace(Connection connection, Dump dump, Map<String, List<String>> target) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        connection.setAutoCommit(false);
        try {
            List<String> order = new ArrayList<>(target.keySet());
            try (Statement statement = connection.createStatement()) {
                for (int i = order.size() - 1; i >= 0; i--) {
                    statement.executeUpdate("DELETE FROM " + order.get(i));
                }
            }
            for (String table : order) {
                List<String> columns = dump.tables().get(table);
                counts.put(table, columns == null ? 0 : insert(connection, table, columns, dump.rows(table)));
            }
            if (!database.sqlite()) {
                restartIdentities(connection, target);
            }
            connection.commit();
            return counts;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static int insert(Connection connection, String table, List<String> columns, Iterable<List<Object>> rows) throws SQLException {
        Map<String, Integer> types = columnTypes(connection, table);
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        int count = 0;
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (List<Object> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, convert(row.get(i), types.getOrDefault(columns.get(i), Types.OTHER)));
                }
                insert.addBatch();
                if (++count % 500 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return count;
    }

    /** SQLite keeps booleans as 0 and 1, and a JSON number may stand for any integer type. */
    private static Object convert(Object value, int type) {
        if (value == null) {
            return null;
        }
        if ((type == Types.BOOLEAN || type == Types.BIT) && value instanceof Number n) {
            return n.longValue() != 0;
        }
        // Integers are never narrowed: SQLite reports some BIGINT columns as INTEGER.
        if ((type == Types.INTEGER || type == Types.SMALLINT || type == Types.BIGINT) && value instanceof Number n) {
            return n.longValue();
        }
        return value;
    }

    private static Map<String, Integer> columnTypes(Connection connection, String table) throws SQLException {
        Map<String, Integer> types = new HashMap<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, connection.getSchema(), table, "%")) {
            while (rs.next()) {
                types.put(rs.getString("COLUMN_NAME").toLowerCase(), rs.getInt("DATA_TYPE"));
            }
        }
        return types;
    }

    /** PostgreSQL's identity columns go on from the highest id imported. */
    private static void restartIdentities(Connection connection, Map<String, List<String>> tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                // Only tables whose id is an identity column have a sequence; a text id (a session's) has none.
                if (table.getValue().contains("id") && hasIdentity(statement, table.getKey())) {
                    statement.execute("SELECT setval(pg_get_serial_sequence('" + table.getKey() + "', 'id'), "
                            + "COALESCE((SELECT MAX(id) FROM " + table.getKey() + "), 0) + 1, false)");
                }
            }
        }
    }

    private static boolean hasIdentity(Statement statement, String table) throws SQLException {
        try (java.sql.ResultSet rs = statement.executeQuery("SELECT pg_get_serial_sequence('" + table + "', 'id')")) {
            return rs.next() && rs.getString(1) != null;
        }
    }

    private Path backup() throws IOException {
        Path dir = OwnerOnly.folder(settings.dataDir().resolve("backups"));
        Path file = dir.resolve("before-import-" + STAMP.format(clock.instant()) + (database.sqlite() ? ".db" : ".json"));
        writeSnapshot(file);
        OwnerOnly.ifPresent(file);
        log.info("Kept the database as it was before the import in {}", file);
        return file;
    }

    /** Facts about the database for administrators. */
    Map<String, Object> info() {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("engine", database.kind().name().toLowerCase());
            info.put("version", connection.getMetaData().getDatabaseProductVersion());
            info.put("url", database.jdbcUrl().replaceAll("password=[^&]*", "password=***"));
            info.put("size_bytes", size(connection));
            info.put("migration_version", DatabaseTables.migrationVersion(connection));
            Map<String, Long> rows = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement()) {
                for (String table : DatabaseTables.describe(connection).keySet()) {
                    try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rs.next();
                        rows.put(table, rs.getLong(1));
                    }
                }
            }
            info.put("tables", rows);
            return info;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's facts: " + e.getMessage(), e);
        }
    }

    private long size(Connection connection) throws SQLException {
        String sql = database.sqlite()
                ? "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
                : "SELECT pg_database_size(current_database())";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
