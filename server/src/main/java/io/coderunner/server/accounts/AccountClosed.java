package io.coderunner.server.accounts;

/**
 * An account was disabled or deleted: whatever it still has going — runs, terminal sessions,
 * open sockets — must end now, not when its tokens would have expired. Published after the
 * change is stored; modules that hold live resources of users listen for it.
 *
 * @param deleted true when the account is gone, false when it was disabled
 */
public record AccountClosed(long userId, boolean deleted) {

    public String reason() {
        return deleted ? "account deleted" : "account disabled";
    }
}
