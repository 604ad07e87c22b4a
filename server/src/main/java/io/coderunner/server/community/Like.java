package io.coderunner.server.community;

/** Text searched with {@code LIKE ... ESCAPE '\'}, with its own wildcards taken literally. */
final class Like {

    static final String ESCAPE = " ESCAPE '\\'";

    private Like() {
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String containing(String text) {
        return "%" + escape(text) + "%";
    }
}
