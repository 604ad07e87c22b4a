package io.coderunner.server.sandboxes;

/**
 * A volume as the native API shows it.
 *
 * @param state     ready (volumes are made at once)
 * @param sizeMb    most its files may hold
 * @param usedBytes what its files hold now
 */
public record VolumeView(String id, String name, String state, int sizeMb, long usedBytes, long createdAt, long updatedAt,
                         Long lastUsedAt) {
}
