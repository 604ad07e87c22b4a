package io.coderunner.server.sandboxes;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /sandboxes}: every field may be left out. {@code cpu}, {@code memory_mb} and
 * {@code disk_mb} default to the most the owner's tier allows; {@code network} to whether it
 * allows the network at all; {@code auto_stop_minutes} to 15 (0: never).
 */
public record CreateSandboxRequest(String name, String language, String snapshot, Map<String, String> env,
                                   Map<String, String> labels, Double cpu, Integer memoryMb, Integer diskMb,
                                   Boolean network, Integer autoStopMinutes, Integer autoArchiveMinutes,
                                   Integer autoDeleteMinutes, List<VolumeAttachment> volumes) {
}
