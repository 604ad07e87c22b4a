package io.coderunner.server.sandboxes;

import java.util.List;

/** {@code POST /snapshots}: a language's base and setup commands run once, in order, in /home/user. */
public record CreateSnapshotRequest(String name, String base, List<String> commands) {
}
