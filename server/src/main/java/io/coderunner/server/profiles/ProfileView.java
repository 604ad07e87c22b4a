package io.coderunner.server.profiles;

import io.coderunner.server.accounts.UserAccount;
import io.coderunner.server.http.Timestamps;

/** seed 004's UserProfileResponse: the caller's own profile, with their account's fields. */
record ProfileView(long id, String username, String email, String fullName, String bio, String avatarUrl, String website,
                   String location, String github, boolean profilePublic, boolean showEmail, int userLevel,
                   boolean isAdmin, String createdAt, String updatedAt) {

    static ProfileView of(UserAccount user, StoredProfile profile) {
        return new ProfileView(user.id(), user.username(), user.email(), user.fullName(), profile.bio(),
                profile.avatarUrl(), profile.website(), profile.location(), profile.github(), profile.profilePublic(),
                profile.showEmail(), user.level(), user.admin(), Timestamps.iso(user.createdAt()),
                Timestamps.iso(profile.updatedAt()));
    }
}
