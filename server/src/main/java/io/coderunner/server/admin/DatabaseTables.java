package io.coderunner.server.admin;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's tables as the database describes them (every module's, whatever migrations
 * added them), in an order where each table comes after the tables it refers to: rows are written
 * in this order and deleted in the reverse one. Flyway's own history is not application data.
 */
final class DatabaseTables {

    static final String HISTORY = "flyway_schema_history";

    private DatabaseTables() {
    }

    /** Table name to its columns, parents before children. */
    static Map<String, List<String>> describe(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        List<String> names = new ArrayList<>();
        try (ResultSet tables = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String name = tables.getString("TABLE_NAME").toLowerCase();
                if (!name.equals(HISTORY) && !name.startsWith("sqlite_")) {
                    names.add(name);
                }
            }
        }
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String name : names) {
            Set<String> refs = new LinkedHashSet<>();
            try (ResultSet keys = meta.getImportedKeys(null, schema, name)) {
                while (keys.next()) {
                    String parent = keys.getString("PKTABLE_NAME").toLowerCase();
                    if (!parent.equals(name)) {
                        refs.add(parent);
                    }
                }
            }
            parents.put(name, refs);
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String name : names.stream().sorted().toList()) {
            visit(name, parents, ordered, meta, schema, new LinkedHashSet<>());
        }
        return ordered;
    }

    private static void visit(String name, Map<String, Set<String>> parents, Map<String, List<String>> ordered,
                              DatabaseMetaData meta, String schema, Set<String> path) throws SQLException {
        if (ordered.containsKey(name) || !parents.containsKey(name) || !path.add(name)) {
            return;
        }
        for (String parent : parents.get(name)) {
            visit(parent, parents, ordered, meta, schema, path);
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, schema, name, "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase());
            }
        }
        ordered.put(name, columns);
    }

    /** The schema's migration version, e.g. "4". */
    static String migrationVersion(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM " + HISTORY + " WHERE success = " + trueLiteral(connection)
                     + " AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "0";
        }
    }

    private static String trueLiteral(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("sqlite") ? "1" : "TRUE";
    }
}
