package io.coderunner.server.sandboxes;

import java.util.List;
import java.util.Map;

/** A sandbox as stored ({@code sandboxes} table). */
record SandboxRecord(String id, SandboxOwner owner, int hostUid, String name, String language, SandboxState state, String snapshot,
                     Map<String, String> env, Map<String, String> labels, double cpu, int memoryMb, int diskMb,
                     boolean network, int autoStopMinutes, int autoArchiveMinutes, int autoDeleteMinutes,
                     List<VolumeAttachment> volumes, String errorReason, long createdAt, long updatedAt,
                     long lastActivityAt, long stateChangedAt) {

    SandboxRecord in(SandboxState next, String reason, long now) {
        return new SandboxRecord(id, owner, hostUid, name, language, next, snapshot, env, labels, cpu, memoryMb, diskMb, network,
                autoStopMinutes, autoArchiveMinutes, autoDeleteMinutes, volumes, reason, createdAt, now, lastActivityAt, now);
    }
}
