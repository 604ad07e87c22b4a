package io.coderunner.engine;

import io.coderunner.engine.language.Language;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An interactive terminal to open: a shell under a pseudo-terminal, in the same sandbox as runs.
 *
 * @param workDir    host directory the terminal sees as /work (its home and working directory),
 *                   read-write; what is written there stays
 * @param toolchains languages whose toolchains the terminal sees (read-only), besides the shell's tools
 * @param limits     memory, processes, file size, open files and network of the whole session; its
 *                   wall and CPU time are not used (a session lasts as long as its owner keeps it)
 * @param cpuCores   share of the host's CPUs all its processes get together (e.g. 0.5)
 * @param command    what runs under the terminal; {@link #SHELL} for an interactive shell
 * @param environment packages the terminal sees as runs do (read-only, its variables set), or null
 */
public record TerminalSpec(Path workDir, Collection<Language> toolchains, Limits limits, double cpuCores,
                           int cols, int rows, List<String> command, RunEnvironment environment) {

    public static final List<String> SHELL = List.of("/usr/bin/bash", "-i");
    public static final int MAX_SIZE = 1000;

    public TerminalSpec {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(limits, "limits");
        if (!workDir.isAbsolute()) {
            throw new InvalidRunException("a terminal's host work directory must be an absolute path");
        }
        toolchains = List.copyOf(toolchains);
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new InvalidRunException("a terminal needs a command");
        }
        requireSize(cols, rows);
        if (!(cpuCores > 0)) {
            throw new InvalidRunException("cpuCores must be positive, was " + cpuCores);
        }
        if (environment != null && environment.writable()) {
            // A session lasts long and is typed into: what it may change of an environment is nothing.
            throw new InvalidRunException("a terminal sees an environment read-only");
        }
    }

    public TerminalSpec(Path workDir, Collection<Language> toolchains, Limits limits, double cpuCores,
                        int cols, int rows, List<String> command) {
        this(workDir, toolchains, limits, cpuCores, cols, rows, command, null);
    }

    public static TerminalSpec shell(Path workDir, Collection<Language> toolchains, Limits limits, double cpuCores,
                                     int cols, int rows) {
        return new TerminalSpec(workDir, toolchains, limits, cpuCores, cols, rows, SHELL);
    }

    /** The same terminal with {@code packages} shown to it (null for none). */
    public TerminalSpec withEnvironment(RunEnvironment packages) {
        return new TerminalSpec(workDir, toolchains, limits, cpuCores, cols, rows, command, packages);
    }

    public static void requireSize(int cols, int rows) {
        if (cols < 1 || rows < 1 || cols > MAX_SIZE || rows > MAX_SIZE) {
            throw new InvalidRunException("terminal size must be 1 to " + MAX_SIZE + " columns and rows, was "
                    + cols + "x" + rows);
        }
    }
}
