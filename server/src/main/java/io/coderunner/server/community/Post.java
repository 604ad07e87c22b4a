package io.coderunner.server.community;

import java.util.List;

/**
 * A posts row as one caller sees it: with whether that caller likes and keeps it.
 *
 * @param createdAt milliseconds since the epoch, as {@code updatedAt}
 */
record Post(long id, long userId, String title, String content, String codeSnippet, String codeLanguage, List<String> tags,
            boolean isPublic, long likeCount, long favoriteCount, long commentCount, long createdAt, long updatedAt,
            boolean liked, boolean favorited) {

    boolean visibleTo(long userId) {
        return isPublic || this.userId == userId;
    }
}
