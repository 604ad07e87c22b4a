package io.coderunner.server.community;

import io.coderunner.server.http.BadRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A post's tags: at most {@link #MAX_TAGS}, each 1 to {@link #MAX_LENGTH} characters, lower-case
 * (so that "Java" and "java" are one tag on both databases), kept as a JSON array. Quotes,
 * backslashes and control characters are refused so that a tag is found in the stored JSON by a
 * plain text match.
 */
final class Tags {

    static final int MAX_TAGS = 10;
    static final int MAX_LENGTH = 30;
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    private Tags() {
    }

    static List<String> normalize(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (String tag : tags) {
            result.add(one(tag));
        }
        if (result.size() > MAX_TAGS) {
            throw new BadRequestException("tags: at most " + MAX_TAGS + " tags, got " + result.size());
        }
        return new ArrayList<>(result);
    }

    /** One tag as given by a client (in a post, or as a filter). */
    static String one(String tag) {
        String value = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new BadRequestException("a tag must be 1 to " + MAX_LENGTH + " characters, got '" + (tag == null ? "" : tag) + "'");
        }
        if (value.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c))) {
            throw new BadRequestException("a tag must not contain quotes, backslashes or control characters: '" + tag + "'");
        }
        return value;
    }

    static String store(List<String> tags) {
        return JsonMapper.shared().writeValueAsString(tags);
    }

    static List<String> load(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        try {
            List<String> tags = JsonMapper.shared().readValue(stored, LIST);
            return tags == null ? List.of() : tags.stream().filter(tag -> tag != null).toList();
        } catch (JacksonException e) {
            return List.of();
        }
    }

    /** A LIKE pattern that finds the tag in the stored JSON array. */
    static String likePattern(String tag) {
        return "%\"" + Like.escape(tag) + "\"%";
    }
}
