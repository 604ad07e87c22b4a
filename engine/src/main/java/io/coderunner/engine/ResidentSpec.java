package io.coderunner.engine;

import io.coderunner.engine.language.Language;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sandbox to keep: it stays up, with nothing running but its agent, until it is closed, and
 * processes come and go in it meanwhile, all in its namespaces, control group and uid.
 *
 * @param homeDir    host directory the sandbox sees as {@link #HOME} (its working directory), read-write;
 *                   what is written there stays after the sandbox is closed
 * @param toolchains languages whose toolchains the sandbox sees (read-only), besides the shell's tools
 * @param limits     memory, processes, file size, open files and network of the whole sandbox; wall and
 *                   CPU time are not used (processes are timed one by one by whoever starts them)
 * @param cpuCores   share of the host's CPUs all its processes get together (e.g. 1.0)
 * @param env        variables every process starts with (a process may add its own)
 * @param volumes    host directories shown at paths of their own (not where the sandbox's own files are,
 *                   see {@link #SANDBOX_PLACES}, nor where a toolchain or the environment is shown), as
 *                   they are: their owners and modes are the caller's to choose (the sandbox's uid must
 *                   be able to reach them, and to write to a writable one), and several sandboxes may
 *                   show the same one at once
 * @param environment packages the sandbox sees (read-only, its variables set), or null
 * @param hostUid    the host uid the sandbox runs as when the engine is root, a caller's own that the
 *                   home directory already belongs to (it is then neither handed over nor taken back);
 *                   it must be unprivileged (1000 or more, not 65534 or 65535) and outside the
 *                   engine's own uids (slots, terminals and resident sandboxes: {@code uidBase} to
 *                   {@code uidBase + 4001}), and no other open sandbox's. Null for one of the engine's:
 *                   the home directory then belongs to it while the sandbox is open, and to the server
 *                   again after
 */
public record ResidentSpec(Path homeDir, Collection<Language> toolchains, Limits limits, double cpuCores,
                           Map<String, String> env, List<VolumeMount> volumes, RunEnvironment environment,
                           Integer hostUid) {

    /** A sandbox run as one of the engine's own uids. */
    public ResidentSpec(Path homeDir, Collection<Language> toolchains, Limits limits, double cpuCores,
                        Map<String, String> env, List<VolumeMount> volumes, RunEnvironment environment) {
        this(homeDir, toolchains, limits, cpuCores, env, volumes, environment, null);
    }

    /** Where the home directory appears inside the sandbox. */
    public static final String HOME = "/home/user";

    public ResidentSpec {
        Objects.requireNonNull(homeDir, "homeDir");
        Objects.requireNonNull(limits, "limits");
        if (!homeDir.isAbsolute()) {
            throw new InvalidRunException("a sandbox's host home directory must be an absolute path");
        }
        if (hostUid != null && (hostUid < 1000 || hostUid == 65534 || hostUid == 65535)) {
            throw new InvalidRunException("a sandbox's own host uid must be an unprivileged one (1000 or more, not nobody's), was "
                    + hostUid);
        }
        toolchains = List.copyOf(toolchains);
        env = env == null ? Map.of() : Map.copyOf(env);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        for (int i = 0; i < volumes.size(); i++) {
            for (int j = i + 1; j < volumes.size(); j++) {
                if (VolumeMount.overlaps(volumes.get(i).sandboxPath(), volumes.get(j).sandboxPath())) {
                    throw new InvalidRunException("two volumes cannot be shown at " + volumes.get(i).sandboxPath()
                            + " and " + volumes.get(j).sandboxPath() + ": one would cover the other");
                }
            }
        }
        if (!(cpuCores > 0)) {
            throw new InvalidRunException("cpuCores must be positive, was " + cpuCores);
        }
        if (environment != null && environment.writable()) {
            throw new InvalidRunException("a sandbox sees an environment read-only");
        }
    }

    /**
     * A host directory shown inside the sandbox.
     *
     * @param hostDir     the directory on the host (absolute)
     * @param sandboxPath where the sandbox sees it (absolute, not one of the sandbox's own places)
     * @param readOnly    whether processes may only read it
     */
    public record VolumeMount(Path hostDir, String sandboxPath, boolean readOnly) {
        public VolumeMount {
            Objects.requireNonNull(hostDir, "hostDir");
            Objects.requireNonNull(sandboxPath, "sandboxPath");
            if (!hostDir.isAbsolute()) {
                throw new InvalidRunException("a volume's host directory must be absolute: " + hostDir);
            }
            if (!sandboxPath.startsWith("/") || sandboxPath.equals("/")
                    || !Path.of(sandboxPath).normalize().toString().equals(sandboxPath)) {
                throw new InvalidRunException("a volume needs a plain absolute path in the sandbox, not " + sandboxPath);
            }
            for (String place : SANDBOX_PLACES) {
                if (overlaps(sandboxPath, place)) {
                    throw new InvalidRunException("a volume cannot be shown at " + sandboxPath + ": it would cover " + place);
                }
            }
        }

        /** Whether one path is the other or lies inside or above it. */
        public static boolean overlaps(String path, String other) {
            return path.equals(other) || path.startsWith(other + "/") || other.startsWith(path + "/");
        }
    }

    /**
     * Places the sandbox itself fills, which no volume may cover, lie under or hold: the home
     * directory (a volume inside it would be a mount point the sandbox's own processes could have
     * swapped for a link), the system's tools and libraries, its /etc, /dev, /proc, /tmp and the
     * engine's control directory under /run.
     */
    public static final List<String> SANDBOX_PLACES = List.of(HOME, "/proc", "/dev", "/sys", "/etc", "/usr", "/bin",
            "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/tmp", "/run");
}
