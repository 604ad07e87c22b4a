package io.coderunner.server.accounts;

/** A user as other modules see one: never with the password hash. */
public record UserAccount(long id, String username, String email, String fullName, boolean active, boolean admin,
                          int level, long createdAt) {
}
