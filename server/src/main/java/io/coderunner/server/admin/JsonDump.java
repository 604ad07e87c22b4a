package io.coderunner.server.admin;

import io.coderunner.server.http.BadRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portable export: every table's columns and rows as JSON, readable into SQLite or PostgreSQL
 * alike. Written row by row, so a large database does not have to fit in memory to be exported.
 */
final class JsonDump implements Dump {

    static final String FORMAT = "coderunner-dump";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String migrationVersion;
    private final Map<String, List<String>> tables;
    private final Map<String, List<List<Object>>> rows;

    private JsonDump(String migrationVersion, Map<String, List<String>> tables, Map<String, List<List<Object>>> rows) {
        this.migrationVersion = migrationVersion;
        this.tables = tables;
        this.rows = rows;
    }

    /** Writes what the connection sees (the caller opens the consistent snapshot). */
    static void write(Connection connection, String engine, OutputStream out) throws SQLException {
        Map<String, List<String>> tables = DatabaseTables.describe(connection);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("format", FORMAT);
            json.writeNumberProperty("format_version", 1);
            json.writeStringProperty("engine", engine);
            json.writeStringProperty("migration_version", DatabaseTables.migrationVersion(connection));
            json.writeStringProperty("exported_at", Instant.now().toString());
            json.writeObjectPropertyStart("tables");
            for (Map.Entry<String, List<String>> table : tables.entrySet()) {
                json.writeObjectPropertyStart(table.getKey());
                json.writeArrayPropertyStart("columns");
                for (String column : table.getValue()) {
                    json.writeString(column);
                }
                json.writeEndArray();
                json.writeArrayPropertyStart("rows");
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", table.getValue()) + " FROM "
                             + table.getKey() + " ORDER BY 1")) {
                    while (rs.next()) {
                        json.writeStartArray();
                        for (int i = 1; i <= table.getValue().size(); i++) {
                            json.writePOJO(rs.getObject(i));
                        }
                        json.writeEndArray();
                    }
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    static boolean looksLike(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) != -1 && Character.isWhitespace(c)) {
                // skip leading whitespace
            }
            return c == '{';
        }
    }

    /** Reads and checks a whole export; a truncated or foreign file is refused with what is wrong. */
    static JsonDump read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (RuntimeException e) {
            throw new BadRequestException("the file is not a complete CodeRunner export: " + firstLine(e.getMessage()));
        }
        if (root == null || !FORMAT.equals(root.path("format").asString(null))) {
            throw new BadRequestException("the file is not a CodeRunner export (no \"format\": \"" + FORMAT + "\")");
        }
        Map<String, List<String>> tables = new LinkedHashMap<>();
        Map<String, List<List<Object>>> rows = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> table : root.path("tables").properties()) {
            List<String> columns = new ArrayList<>();
            table.getValue().path("columns").forEach(c -> columns.add(c.asString()));
            List<List<Object>> values = new ArrayList<>();
            for (JsonNode row : table.getValue().path("rows")) {
                if (!row.isArray() || row.size() != columns.size()) {
                    throw new BadRequestException("table " + table.getKey() + " has a row of " + row.size() + " values for "
                            + columns.size() + " columns");
                }
                List<Object> value = new ArrayList<>(columns.size());
                row.forEach(node -> value.add(scalar(node)));
                values.add(value);
            }
            tables.put(table.getKey(), columns);
            rows.put(table.getKey(), values);
        }
        return new JsonDump(root.path("migration_version").asString(""), tables, rows);
    }

    private static Object scalar(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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
        return rows.getOrDefault(table, List.of());
    }
}
