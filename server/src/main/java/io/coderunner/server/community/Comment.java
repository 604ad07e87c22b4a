package io.coderunner.server.community;

/**
 * A comments row as one caller sees it: with whether that caller likes it.
 *
 * @param parentId the comment this one replies to, or null for a comment on the post
 * @param depth    0 for a comment on the post, the parent's depth + 1 for a reply
 */
record Comment(long id, long postId, long userId, Long parentId, int depth, String content, long likeCount, long createdAt,
               long updatedAt, boolean liked) {
}
