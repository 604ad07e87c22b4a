package io.coderunner.server.environments;

/** A row of user_environments. */
record StoredEnvironment(long id, long userId, String owner, String name, String description, String language,
                         String version, boolean isPublic, int generation, long createdAt, long updatedAt, Long lastUsedAt) {

    boolean ownedBy(long user) {
        return userId == user;
    }
}
