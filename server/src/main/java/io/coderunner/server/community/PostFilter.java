package io.coderunner.server.community;

import io.coderunner.server.http.BadRequestException;
import java.util.Locale;

/**
 * Which posts a caller lists: always only those they may see (public ones and their own), and of
 * those, optionally only the people they follow's, one tag's, one user's, or those whose title or
 * content contains a text (case-insensitive).
 */
record PostFilter(long callerId, boolean following, String tag, String search, Long userId) {

    static final int MAX_SEARCH = 200;

    static PostFilter of(long callerId, Boolean following, String tag, String search, Long userId) {
        String text = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
        if (text != null && text.length() > MAX_SEARCH) {
            throw new BadRequestException("search must be at most " + MAX_SEARCH + " characters");
        }
        return new PostFilter(callerId, Boolean.TRUE.equals(following), tag == null || tag.isBlank() ? null : Tags.one(tag),
                text, userId);
    }

    static PostFilter byUser(long callerId, long userId) {
        return new PostFilter(callerId, false, null, null, userId);
    }
}
