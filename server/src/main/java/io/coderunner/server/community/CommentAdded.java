package io.coderunner.server.community;

/**
 * Someone commented on a post, or replied to a comment. Published in the transaction that stores the
 * comment, so whoever reacts to it (notifications) does so exactly when the comment exists.
 *
 * @param postId          the post
 * @param postTitle       its title
 * @param postAuthorId    who wrote the post
 * @param commentId       the new comment
 * @param parentAuthorId  who wrote the comment it answers; null for a comment on the post itself
 * @param authorId        who wrote the new comment
 * @param authorUsername  their name
 */
public record CommentAdded(long postId, String postTitle, long postAuthorId, long commentId, Long parentAuthorId,
                           long authorId, String authorUsername) {
}
