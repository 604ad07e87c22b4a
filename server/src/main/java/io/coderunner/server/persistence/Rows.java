package io.coderunner.server.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading nullable numbers from a row the same way on SQLite and PostgreSQL. */
public final class Rows {

    private Rows() {
    }

    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
