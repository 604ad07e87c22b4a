package io.coderunner.server.accounts;

import io.coderunner.server.http.Timestamps;

/** seed 000's UserResponse. */
record UserView(long id, String username, String email, String fullName, boolean isActive, boolean isAdmin, int userLevel,
                String createdAt) {

    static UserView of(UserAccount user) {
        return new UserView(user.id(), user.username(), user.email(), user.fullName(), user.active(), user.admin(),
                user.level(), Timestamps.iso(user.createdAt()));
    }

    static UserView of(StoredUser user) {
        return of(user.account());
    }
}
