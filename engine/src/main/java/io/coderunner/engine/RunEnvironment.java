package io.coderunner.engine;

import io.coderunner.engine.language.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A directory of packages a run uses (a Python virtual environment, a Node.js project): the host
 * directory shown at {@code sandboxPath}, read-only unless {@code writable} (only for the step that
 * installs into it); the variables that make the language find it; the programs it replaces (the
 * first word of the stage's command, e.g. the base interpreter by the environment's own); and
 * host paths the stage needs besides the language's own (a package manager), as read-only mounts
 * or links.
 *
 * <p>When the engine runs as root, a writable directory is handed to the slot's uid before the
 * stage starts, so that the stage can write into it.
 */
public record RunEnvironment(Path hostDir, String sandboxPath, boolean writable, Map<String, String> variables,
                             Map<String, String> programs, List<Mount> mounts) {

    /** Places the sandbox uses itself, which an environment must not cover. */
    private static final Set<String> RESERVED = Set.of("/work", "/tmp", "/proc", "/dev", "/etc", "/run", "/usr", "/bin",
            "/lib", "/lib64", "/sbin");

    public RunEnvironment {
        Objects.requireNonNull(hostDir, "hostDir");
        Objects.requireNonNull(sandboxPath, "sandboxPath");
        if (!hostDir.isAbsolute()) {
            throw new InvalidRunException("an environment's host directory must be absolute: " + hostDir);
        }
        if (!sandboxPath.startsWith("/") || sandboxPath.equals("/") || !Path.of(sandboxPath).normalize().toString().equals(sandboxPath)
                || RESERVED.stream().anyMatch(r -> sandboxPath.equals(r) || sandboxPath.startsWith(r + "/"))) {
            throw new InvalidRunException("an environment cannot be shown at " + sandboxPath);
        }
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        programs = programs == null ? Map.of() : Map.copyOf(programs);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        if (mounts.stream().anyMatch(Mount::environment)) {
            throw new InvalidRunException("an environment's extra mounts must be read-only binds or links");
        }
    }

    /** The directory as one entry of the sandbox's file-system view. */
    public Mount mount() {
        return new Mount(writable ? Mount.Kind.ENVIRONMENT_WRITABLE : Mount.Kind.ENVIRONMENT_READ_ONLY,
                hostDir.toString(), sandboxPath);
    }

    /** The stage's command with its program replaced when this environment provides its own. */
    public List<String> applyTo(List<String> command) {
        if (command.isEmpty() || !programs.containsKey(command.get(0))) {
            return command;
        }
        List<String> replaced = new java.util.ArrayList<>(command);
        replaced.set(0, programs.get(command.get(0)));
        return List.copyOf(replaced);
    }
}
