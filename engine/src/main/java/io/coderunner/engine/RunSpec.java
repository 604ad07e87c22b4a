package io.coderunner.engine;

import io.coderunner.engine.language.Language;
import java.util.List;
import java.util.Objects;

/**
 * One run to make: which language, which files (the first is the entry point), what input and
 * arguments, and the limits of the run stage. Compile limits come from the sandbox configuration.
 *
 * @param stdin       bytes given to the program before end-of-file, or null for an interactive run whose
 *                    input arrives through {@link RunHandle#writeStdin}
 * @param environment the packages the run uses, or null for the language's own
 */
public record RunSpec(Language language, List<SourceFile> files, byte[] stdin, List<String> args, Limits limits,
                      RunEnvironment environment) {

    public static final int MAX_FILES = 64;
    public static final int MAX_ARGS = 64;

    public RunSpec {
        Objects.requireNonNull(language, "language");
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

    public RunSpec(Language language, List<SourceFile> files, byte[] stdin, List<String> args, Limits limits) {
        this(language, files, stdin, args, limits, null);
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
        return new RunSpec(language, files, input, args, limits, environment);
    }

    public RunSpec withArgs(List<String> arguments) {
        return new RunSpec(language, files, stdin, arguments, limits, environment);
    }

    public RunSpec withEnvironment(RunEnvironment value) {
        return new RunSpec(language, files, stdin, args, limits, value);
    }
}
