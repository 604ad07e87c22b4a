package io.coderunner.server.library;

import io.coderunner.server.http.BadRequestException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which of a user's entries to list, and in which order: text in the title, description or code
 * (case-insensitive), a language, a tag.
 *
 * @param search   null: any
 * @param language an id as stored, null: any
 * @param tag      null: any
 */
record CodeSearch(String search, String language, String tag, Sort sort, boolean ascending) {

    static final CodeSearch NEWEST = new CodeSearch(null, null, null, Sort.UPDATED_AT, false);

    /** What may be sorted on, and the SQL of each; the only text that goes into the query unbound. */
    enum Sort {
        UPDATED_AT("updated_at", "updated_at"),
        CREATED_AT("created_at", "created_at"),
        TITLE("title", "LOWER(title)");

        private final String name;
        private final String sql;

        Sort(String name, String sql) {
            this.name = name;
            this.sql = sql;
        }

        static Sort of(String name) {
            if (name == null || name.isBlank()) {
                return UPDATED_AT;
            }
            return Arrays.stream(values()).filter(sort -> sort.name.equalsIgnoreCase(name.strip())).findFirst()
                    .orElseThrow(() -> new BadRequestException("sort must be one of "
                            + Arrays.stream(values()).map(sort -> sort.name).collect(Collectors.joining(", "))
                            + ", was '" + name + "'"));
        }
    }

    static boolean ascending(String order) {
        if (order == null || order.isBlank() || order.strip().equalsIgnoreCase("desc")) {
            return false;
        }
        if (order.strip().equalsIgnoreCase("asc")) {
            return true;
        }
        throw new BadRequestException("order must be asc or desc, was '" + order + "'");
    }

    /** The conditions after a {@code WHERE} on the owner or the visibility, their values added to {@code params}. */
    String conditions(List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (search != null && !search.isBlank()) {
            String pattern = "%" + escape(search.strip().toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (LOWER(title) LIKE ? ESCAPE '!' OR LOWER(COALESCE(description, '')) LIKE ? ESCAPE '!'"
                    + " OR LOWER(code) LIKE ? ESCAPE '!')");
            params.addAll(List.of(pattern, pattern, pattern));
        }
        if (language != null && !language.isBlank()) {
            sql.append(" AND LOWER(language) = ?");
            params.add(language.strip().toLowerCase(Locale.ROOT));
        }
        if (tag != null && !tag.isBlank()) {
            // Tags are a JSON array in one column: a tag is there when its quoted form is.
            sql.append(" AND LOWER(tags) LIKE ? ESCAPE '!'");
            params.add("%" + escape(Tags.stored(tag.strip()).toLowerCase(Locale.ROOT)) + "%");
        }
        return sql.toString();
    }

    String orderBy() {
        String direction = ascending ? " ASC" : " DESC";
        return " ORDER BY " + sort.sql + direction + ", id" + direction;
    }

    /** LIKE's wildcards taken literally. */
    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
