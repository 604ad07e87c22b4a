package io.coderunner.server.accounts;

/** A users row, with what only this module may see. */
record StoredUser(long id, String username, String email, String passwordHash, String fullName, boolean active,
                  boolean admin, int level, long createdAt, int failedLogins, Long lockedUntil, long tokensValidAfter) {

    UserAccount account() {
        return new UserAccount(id, username, email, fullName, active, admin, level, createdAt);
    }

    boolean lockedAt(long now) {
        return lockedUntil != null && lockedUntil > now;
    }
}
