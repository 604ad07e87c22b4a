package io.coderunner.server.profiles;

/** A user_profiles row; {@link #empty} for a user who has none yet. */
record StoredProfile(long userId, String bio, String avatarFilename, String website, String location, String github,
                     boolean profilePublic, boolean showEmail, Long updatedAt) {

    static StoredProfile empty(long userId) {
        return new StoredProfile(userId, null, null, null, null, null, true, false, null);
    }

    StoredProfile withAvatar(String filename, long now) {
        return new StoredProfile(userId, bio, filename, website, location, github, profilePublic, showEmail, now);
    }

    String avatarUrl() {
        return AvatarFiles.url(avatarFilename);
    }
}
