package io.coderunner.server.security;

import java.util.Set;

/**
 * Who is calling: a signed-in user (through an access token) or a program (through one of the
 * user's API keys). Every module reads it with {@code @AuthenticationPrincipal Caller caller}.
 *
 * @param apiKeyId the key the call was made with, or null for a signed-in user
 * @param scopes   what the key may do; empty for a signed-in user, who may do all a user may
 */
public record Caller(long userId, String username, boolean admin, int level, Long apiKeyId, Set<String> scopes) {

    public Caller {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public static Caller user(long userId, String username, boolean admin, int level) {
        return new Caller(userId, username, admin, level, null, Set.of());
    }

    /**
     * Someone not signed in, reading what anyone may read (public programs, posts, profiles). No
     * user has id 0, so everything decided by "is it the caller's own" answers no.
     */
    public static Caller visitor() {
        return VISITOR;
    }

    /** The signed-in caller, or the visitor when nobody is signed in. */
    public static Caller orVisitor(Caller caller) {
        return caller == null ? VISITOR : caller;
    }

    private static final Caller VISITOR = new Caller(0, null, false, 0, null, Set.of());

    public boolean isVisitor() {
        return userId == 0;
    }

    public boolean viaApiKey() {
        return apiKeyId != null;
    }
}
