package io.coderunner.engine;

import io.coderunner.engine.language.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One run to make: which language, which files (the first is the entry point), what input and
 * arguments, and the limits of the run stage. Compile limits come from the sandbox configuration.
 *
 * @param stdin       bytes given to the program before end-of-file, or null for an interactive run whose
 *                    input arrives through {@link RunHandle#writeStdin}
 * @param environment the packages the run uses, or null for the language's own
 * @param workDir     a host directory that is the run's /work, read-write, instead of a fresh one: the
 *                    run's files are written into it and what the program writes there stays (a
 *                    workspace project); null for a run of its own that leaves nothing behind
 */
public record RunSpec(Language language, List<SourceFile> files, byte[] stdin, List<String> args, Limits limits,
                      RunEnvironment environment, Path workDir) {

    public static final int MAX_FILES = 64;
    public static final int MAX_ARGS = 64;

    public RunSpec(Language language, List<SourceFile> files, byte[] stdin, List<String> args, Limits limits) {
        this(language, files, stdin, args, limits, null, null);
    }

    public RunSpec {
        Objects.requireNonNull(language, "language");
        if (workDir != null && !workDir.isAbsolute()) {
            throw new InvalidRunException("a run's host work directory must be an absolute path");
        }
        Objects.requireNonNull(limits, "limits");
        files = List.copyOf(files);
        args = args == null ? List.of() : List.copyOf(args);
        if (files.isEmpty()) {
            throw new InvalidRunException("a run needs at least one file");
        }
        if (files.size() > MAX_FILES) {
            throw new InvalidRunException("a run takes at most " + MAX_FILES + " files, got " + files.size());
        }
        if (files.stream().map(SourceFile::name).distinct().count() != files.size()) {
            throw new InvalidRunException("file names must be unique within a run");
        }
        if (args.size() > MAX_ARGS) {
            throw new InvalidRunException("a run takes at most " + MAX_ARGS + " arguments, got " + args.size());
        }
        for (String arg : args) {
            if (arg == null || arg.indexOf('\0') >= 0) {
                throw new InvalidRunException("arguments must not be null or contain a NUL character");
            }
        }
    }

    public static RunSpec of(Language language, String code, Limits limits) {
        return new RunSpec(language, List.of(new SourceFile(language.mainFile(), code)), new byte[0], List.of(), limits);
    }

    public SourceFile mainFile() {
        return files.get(0);
    }

    public boolean interactive() {
        return stdin == null;
    }

    public RunSpec withStdin(byte[] input) {
        return new RunSpec(language, files, input, args, limits, environment, workDir);
    }

    public RunSpec withArgs(List<String> arguments) {
        return new RunSpec(language, files, stdin, arguments, limits, environment, workDir);
    }

    public RunSpec withEnvironment(RunEnvironment value) {
        return new RunSpec(language, files, stdin, args, limits, value, workDir);
    }

    /** The same run in {@code directory} on the host (see {@link #workDir}). */
    public RunSpec inDirectory(Path directory) {
        return new RunSpec(language, files, stdin, args, limits, environment, directory);
    }
}
