package io.coderunner.server.community;

/**
 * A user started following another (not published when they stop). Published in the transaction
 * that stores the follow.
 */
public record UserFollowed(long followerId, String followerUsername, long followedId) {
}
