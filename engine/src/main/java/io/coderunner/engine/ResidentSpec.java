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
 * @param volumes    host directories shown at paths of their own
 * @param environment packages the sandbox sees (read-only, its variables set), or null
 */
public record ResidentSpec(Path homeDir, Collection<Language> toolchains, Limits limits, double cpuCores,
                           Map<String, String> env, List<VolumeMount> volumes, RunEnvironment environment) {

    /** Where the home directory appears inside the sandbox. */
    public static final String HOME = "/home/user";

    public ResidentSpec {
        Objects.requireNonNull(homeDir, "homeDir");
        Objects.requireNonNull(limits, "limits");
        if (!homeDir.isAbsolute()) {
            throw new InvalidRunException("a sandbox's host home directory must be an absolute path");
        }
        toolchains = List.copyOf(toolchains);
        env = env == null ? Map.of() : Map.copyOf(env);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
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
        }
    }
}
