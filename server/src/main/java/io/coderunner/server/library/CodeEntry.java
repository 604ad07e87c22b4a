package io.coderunner.server.library;

import java.util.List;

/**
 * A saved program as other modules see it.
 *
 * @param environmentId the environment it is meant to run in, or null
 * @param createdAt     milliseconds since the epoch, as {@code updatedAt}
 */
public record CodeEntry(long id, long userId, String title, String description, String code, String language,
                        boolean isPublic, List<String> tags, Long environmentId, long createdAt, long updatedAt) {

    public CodeEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Whether this caller may read (and so run) it: their own, or a public one. */
    public boolean readableBy(long userId) {
        return isPublic || this.userId == userId;
    }

    public boolean ownedBy(long userId) {
        return this.userId == userId;
    }
}
