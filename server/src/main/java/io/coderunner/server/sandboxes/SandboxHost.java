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

    /** Whether the sandbox's files lie over the snapshot it was made from (not once it was archived: it has its own then). */
    boolean liesOverSnapshot(String id);

    /** Whether the sandbox's files are packed in its archive now. */
    boolean isArchived(String id);

    /** Removes the sandbox's files (it is stopped first). */
    void destroy(String id);

    /**
     * Copies the sandbox's home, as it is now, to {@code target} (which must not exist): a folder of
     * the server's, never following a link the sandbox made. Works on a started or stopped sandbox.
     */
    void copyHome(String id, java.nio.file.Path target);

    /**
     * Runs {@code commands} one after another in a sandbox of their own working in {@code home}
     * (a folder of the server's), each to its end; stops at the first that fails. Their output goes
     * to {@code log} as it is written.
     *
     * @return null when every command succeeded, else what failed
     */
    String build(java.nio.file.Path home, java.util.List<String> commands, BuildResources resources,
                 io.coderunner.engine.Resident.ProcessListener log);

    /** What a snapshot's build may use: the owner's tier's. */
    record BuildResources(double cpu, int memoryMb, long diskBytes, boolean network, java.time.Duration commandTimeout) {
    }

    /** Bytes the sandbox's files take on the host now (its home, or its archive). */
    long diskBytes(String id);
}
