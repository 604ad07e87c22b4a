package io.coderunner.server.persistence;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Which database CodeRunner keeps its data in, read from {@code DATABASE_URL}: empty for the
 * embedded SQLite file in the data directory, {@code postgresql://user:password@host:port/name}
 * (the form the seeds' deployments use), {@code sqlite:///path}, or a JDBC URL as it is.
 */
public record Database(Kind kind, String jdbcUrl, String user, String password) {

    public enum Kind { SQLITE, POSTGRESQL }

    public static Database fromUrl(String url, Path dataDir) {
        if (url == null || url.isBlank()) {
            return sqlite(dataDir.resolve("coderunner.db").toAbsolutePath().toString());
        }
        String value = url.strip();
        if (value.startsWith("jdbc:sqlite:")) {
            return new Database(Kind.SQLITE, value, null, null);
        }
        if (value.startsWith("jdbc:postgresql:")) {
            return new Database(Kind.POSTGRESQL, value, null, null);
        }
        if (value.startsWith("sqlite:///")) {
            return sqlite(value.substring("sqlite:///".length()));
        }
        if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
            return postgres(URI.create(value));
        }
        throw new IllegalArgumentException("DATABASE_URL must be empty (SQLite in the data directory), postgresql://..., "
                + "sqlite:///path or a jdbc:postgresql: / jdbc:sqlite: URL; got '" + value.replaceAll("//[^@/]*@", "//***@") + "'");
    }

    private static Database sqlite(String file) {
        return new Database(Kind.SQLITE, "jdbc:sqlite:" + file, null, null);
    }

    private static Database postgres(URI uri) {
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("DATABASE_URL must name a host and a database: postgresql://user:password@host:5432/name");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Database(Kind.POSTGRESQL, jdbc, user, password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** The SQLite database's file, when it is SQLite on a file (not in memory). */
    public java.util.Optional<Path> sqliteFile() {
        if (kind != Kind.SQLITE) {
            return java.util.Optional.empty();
        }
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        if (file.isEmpty() || file.equals(":memory:") || file.startsWith("file:") || file.startsWith(":resource:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(file));
    }

    public boolean sqlite() {
        return kind == Kind.SQLITE;
    }

    /** For logs: the URL without credentials. */
    public String describe() {
        return kind.name().toLowerCase() + " " + jdbcUrl;
    }

    @Override
    public String toString() {
        return describe();
    }
}
