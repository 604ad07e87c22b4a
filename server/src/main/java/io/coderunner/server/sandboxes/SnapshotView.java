package io.coderunner.server.sandboxes;

import java.util.List;

/**
 * A snapshot as the native API shows it.
 *
 * @param state     building, active, inactive, build_failed or error
 * @param base      the language its files were first made for
 * @param commands  the setup commands it was built with (none for one taken of a sandbox)
 * @param sizeBytes bytes of its files
 */
public record SnapshotView(String id, String name, String base, String state, long sizeBytes, String sourceSandboxId,
                           List<String> commands, String errorReason, long createdAt, long updatedAt, Long lastUsedAt) {
}
