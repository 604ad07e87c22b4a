package io.coderunner.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A process to start in a resident sandbox.
 *
 * @param argv the program and its arguments (the program found on the sandbox's PATH when it has no slash)
 * @param cwd  working directory inside the sandbox; null for the home directory
 * @param env  variables added to the sandbox's own
 * @param pty  the terminal to run it under, or null for plain pipes (stdout and stderr apart)
 */
public record ProcessSpec(List<String> argv, String cwd, Map<String, String> env, Pty pty) {

    public ProcessSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new InvalidRunException("a process needs a command");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        if (cwd != null && !cwd.startsWith("/")) {
            throw new InvalidRunException("a process's working directory must be an absolute path, was " + cwd);
        }
    }

    /** A shell command line, run by bash. */
    public static ProcessSpec shell(String commandLine, String cwd, Map<String, String> env) {
        Objects.requireNonNull(commandLine, "commandLine");
        return new ProcessSpec(List.of("/usr/bin/bash", "-c", commandLine), cwd, env, null);
    }

    /** A terminal's size. */
    public record Pty(int cols, int rows) {
        public Pty {
            TerminalSpec.requireSize(cols, rows);
        }
    }
}
