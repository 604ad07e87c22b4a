package io.coderunner.server.sandboxes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine a sandbox lives on: it keeps the sandbox's files and runs it when it is started.
 * Everything that reaches a sandbox's files or processes goes through here, so that hosts on
 * other machines can take its place without the API changing. {@link LocalSandboxHost} is this
 * server's own machine.
 */
public interface SandboxHost {

    /** What a sandbox is started with. */
    record StartPlan(String id, int hostUid, String language, Map<String, String> env, double cpu, int memoryMb, int diskMb,
                     boolean network, List<MountedVolume> volumes) {
    }

    /** A volume's directory shown in a sandbox. */
    record MountedVolume(String volumeId, String mountPath, boolean readOnly) {
    }

    /**
     * Makes the sandbox's disk of {@code diskMb} and its home, owned by {@code hostUid}: empty, or
     * over the files of the snapshot {@code snapshotId} (null for none).
     */
    void create(String id, int hostUid, int diskMb, String snapshotId);

    /** Starts the sandbox; returns once its processes can be started. */
    LiveSandbox start(StartPlan plan);

    /** The sandbox when it is started on this host. */
    Optional<LiveSandbox> live(String id);

    /** Ends every process of the sandbox; its files stay. Nothing happens when it is not started. */
    void stop(String id);

    /** Packs a stopped sandbox's files into one compressed archive, which is all it keeps. */
    void archive(String id);

    /** Unpacks an archived sandbox's files again, onto a new disk of {@code diskMb}. */
    void restore(String id, int hostUid, int diskMb);

    /** Whether the sandbox's files are packed in its archive now. */
    boolean isArchived(String id);

    /** Removes the sandbox's files (it is stopped first). */
    void destroy(String id);

    /** Bytes the sandbox's files take on the host now (its home, or its archive). */
    long diskBytes(String id);
}
