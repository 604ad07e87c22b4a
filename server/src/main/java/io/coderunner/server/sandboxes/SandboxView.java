package io.coderunner.server.sandboxes;

import java.util.List;
import java.util.Map;

/** A sandbox as the native API shows it. Times are epoch milliseconds. */
public record SandboxView(String id, String name, String language, SandboxState state, String snapshot,
                          Map<String, String> env, Map<String, String> labels, double cpu, int memoryMb, int diskMb,
                          boolean network, int autoStopMinutes, int autoArchiveMinutes, int autoDeleteMinutes,
                          List<VolumeAttachment> volumes, String errorReason, long createdAt, long updatedAt,
                          long lastActivityAt, long ownerId) {

    static SandboxView of(SandboxRecord r) {
        return new SandboxView(r.id(), r.name(), r.language(), r.state(), r.snapshot(), r.env(), r.labels(), r.cpu(),
                r.memoryMb(), r.diskMb(), r.network(), r.autoStopMinutes(), r.autoArchiveMinutes(), r.autoDeleteMinutes(),
                r.volumes(), r.errorReason(), r.createdAt(), r.updatedAt(), r.lastActivityAt(), r.owner().id());
    }
}
