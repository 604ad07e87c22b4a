package io.coderunner.engine.run;

import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.language.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process tree to run inside the sandbox: the compile stage or the run stage of a run.
 *
 * @param workDir  host directory the program sees as /work
 * @param stateDir host directory for the engine's own files of this slot (never shown to the program)
 * @param hostUid  unprivileged host uid the stage runs as, or null when the engine is not root
 * @param sandboxWorkDir where the program sees its work directory ({@link #SANDBOX_WORK_DIR} for runs
 *                 and terminals, {@code /home/user} for a resident sandbox); also its starting directory
 */
public record Stage(
        OutputFrame.Stage kind,
        List<String> command,
        Map<String, String> env,
        List<Mount> mounts,
        Limits limits,
        Path workDir,
        Path stateDir,
        Integer hostUid,
        String sandboxWorkDir) {

    /** Where the program's work directory appears inside the sandbox. */
    public static final String SANDBOX_WORK_DIR = "/work";
    /** The uid and gid the program sees inside the sandbox. */
    public static final int SANDBOX_UID = 1000;

    public Stage {
        java.util.Objects.requireNonNull(sandboxWorkDir, "sandboxWorkDir");
        command = List.copyOf(command);
        env = Map.copyOf(env);
        mounts = List.copyOf(mounts);
    }

    /** A stage whose work directory appears at /work. */
    public Stage(OutputFrame.Stage kind, List<String> command, Map<String, String> env, List<Mount> mounts, Limits limits,
                 Path workDir, Path stateDir, Integer hostUid) {
        this(kind, command, env, mounts, limits, workDir, stateDir, hostUid, SANDBOX_WORK_DIR);
    }

    /** The same stage working in another host directory. */
    public Stage in(Path directory) {
        return new Stage(kind, command, env, mounts, limits, directory, stateDir, hostUid, sandboxWorkDir);
    }

    /** What is fixed when a sandbox starts; a sandbox started ahead fits stages with the same key. */
    public LaunchKey launchKey() {
        return new LaunchKey(env, mounts, limits.networkAccess(), limits.diskBytes(), workDir, stateDir, hostUid);
    }

    public record LaunchKey(Map<String, String> env, List<Mount> mounts, io.coderunner.engine.NetworkAccess network, long diskBytes,
                            Path workDir, Path stateDir, Integer hostUid) {
    }
}
