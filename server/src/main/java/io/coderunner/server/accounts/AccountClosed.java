package io.coderunner.server.accounts;

/**
 * An account was disabled or deleted: whatever it still has going — runs, terminal sessions,
 * open sockets — must end now, not when its tokens would have expired. Published once the change
 * is committed, and handled then, in the committing thread, by plain event listeners of the modules
 * that hold live resources of users; a deletion's {@link UserDeleted} listeners, which remove what
 * is stored, run after these.
 *
 * @param deleted true when the account is gone, false when it was disabled
 */
public record AccountClosed(long userId, boolean deleted) {

    public String reason() {
        return deleted ? "account deleted" : "account disabled";
    }
}
