/**
 * Notifications: what happened that a user should hear of — a comment on their post, a reply to
 * their comment, a new follower — kept per user until read. Written by listeners of the community's
 * typed events ({@code CommentAdded}, {@code UserFollowed}), never by the community itself, so the
 * community does not know this module exists.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications", allowedDependencies = {"community", "http", "security"})
package io.coderunner.server.notifications;
