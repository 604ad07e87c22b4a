package io.coderunner.server.library;

import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tags column: a JSON array of strings. */
final class Tags {

    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    private Tags() {
    }

    static String store(List<String> tags) {
        return JsonMapper.shared().writeValueAsString(tags == null ? List.of() : tags);
    }

    /**
     * Reads the column. A value that is not a JSON array (written by hand, or imported from a
     * database that kept tags as "a,b") is read as comma-separated rather than failing the request.
     */
    static List<String> load(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        try {
            List<String> tags = JsonMapper.shared().readValue(stored, LIST);
            return tags == null ? List.of() : tags.stream().filter(tag -> tag != null).toList();
        } catch (JacksonException e) {
            return Arrays.stream(stored.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
        }
    }
}
