package io.coderunner.server.library;

import io.coderunner.server.http.BadRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tags column: a JSON array of strings. */
final class Tags {

    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 32;

    private Tags() {
    }

    /**
     * The tags a request gives, trimmed, without blanks and without repeats (the first spelling of
     * a tag is kept; "Demo" and "demo" are one tag, as the tag filter does not tell them apart).
     */
    static List<String> normalize(List<String> given) {
        if (given == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String value : given) {
            String tag = value == null ? "" : value.strip();
            if (tag.isEmpty() || !seen.add(tag.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (tag.length() > MAX_TAG_LENGTH) {
                throw new BadRequestException("tag '" + tag.substring(0, MAX_TAG_LENGTH) + "...' has " + tag.length()
                        + " characters; a tag may have at most " + MAX_TAG_LENGTH);
            }
            tags.add(tag);
        }
        if (tags.size() > MAX_TAGS) {
            throw new BadRequestException("at most " + MAX_TAGS + " tags are allowed, got " + tags.size());
        }
        return tags;
    }

    /** How one tag appears in the stored JSON array, quotes included: what the tag filter looks for. */
    static String stored(String tag) {
        return JsonMapper.shared().writeValueAsString(tag);
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
