package io.coderunner.server.profiles;

/**
 * A user as others see them (a post's author, a follower), for other modules.
 *
 * @param avatarUrl where the avatar is served ({@code /api/avatars/...}), or null for none
 * @param profilePublic whether the user lets others see their profile beyond their name
 */
public record ProfileSummary(long userId, String username, String fullName, String bio, String avatarUrl,
                             boolean profilePublic) {
}
