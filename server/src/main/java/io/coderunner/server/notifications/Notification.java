package io.coderunner.server.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One notification as the API shows it.
 *
 * @param kind           {@code comment} (on the user's post), {@code reply} (to the user's comment), {@code follow}
 * @param actorUsername  who did it
 * @param postId         the post commented on (comment, reply)
 * @param read           whether the user has marked it read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Notification(long id, String kind, Long actorId, String actorUsername, Long postId, String postTitle,
                    String createdAt, boolean read) {
}
