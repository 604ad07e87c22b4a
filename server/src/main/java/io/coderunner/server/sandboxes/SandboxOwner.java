package io.coderunner.server.sandboxes;

import io.coderunner.server.security.Caller;

/**
 * Whose a sandbox, snapshot or volume is: a user today, an organization once there are any. Kept
 * as a kind and an id so that an organization's resources need no new columns.
 */
public record SandboxOwner(Kind kind, long id) {

    public enum Kind { USER, ORGANIZATION }

    /** The owner a call acts for: the signed-in user, or the user whose API key it is. */
    public static SandboxOwner of(Caller caller) {
        return new SandboxOwner(Kind.USER, caller.userId());
    }

    public static SandboxOwner user(long id) {
        return new SandboxOwner(Kind.USER, id);
    }

    String kindId() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
