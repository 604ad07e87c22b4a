package io.coderunner.server.accounts;

/**
 * An administrator deleted a user. Published in the transaction that deletes the user's row, so it
 * is stored in the event publication registry exactly when the deletion is: the database has
 * removed the rows that refer to the user by then (ON DELETE CASCADE), and each module that keeps
 * something of users elsewhere — files, counters — removes its part in a listener of its own, after
 * the commit, retried until it has succeeded. {@link AccountClosed} comes first and ends what the
 * user still has running.
 *
 * @param userId        the deleted user
 * @param username      their name (gone from the database with them)
 * @param adminId       the administrator who deleted them
 * @param adminUsername that administrator's name
 */
public record UserDeleted(long userId, String username, long adminId, String adminUsername) {
}
