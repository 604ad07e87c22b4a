package io.coderunner.server.admin;

import java.util.List;
import java.util.Map;

/**
 * A database's rows as read from an export: which migration its schema was at, its tables with
 * their columns (parents before children), and each table's rows in column order.
 */
interface Dump extends AutoCloseable {

    String migrationVersion();

    Map<String, List<String>> tables();

    /** The rows of a table, each a list of values in {@link #tables()}' column order. */
    Iterable<List<Object>> rows(String table);

    @Override
    default void close() {
    }
}
