package io.coderunner.server.workspaces;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much a user's workspaces may hold, by tier level ({@code coderunner.workspaces.storage-mb.<level>});
 * levels not configured keep 50, 200, 1000 and 5000 MB for Free to Enterprise.
 */
@ConfigurationProperties("coderunner.workspaces")
record WorkspaceSettings(Map<Integer, Integer> storageMb) {

    WorkspaceSettings {
        Map<Integer, Integer> merged = new HashMap<>(Map.of(1, 50, 2, 200, 3, 1000, 4, 5000));
        if (storageMb != null) {
            merged.putAll(storageMb);
        }
        storageMb = Map.copyOf(merged);
    }

    long storageBytes(int level) {
        return storageMb.getOrDefault(level, 50) * 1024L * 1024L;
    }
}
