package io.coderunner.engine;

/**
 * Everything known about a finished run. {@code compile} is null for interpreted languages;
 * {@code run} is null when the compile stage failed; {@code preview} is set only for preview
 * languages (HTML), which are returned and not run.
 */
public record RunResult(Status status, StageResult compile, StageResult run, String preview) {

    public static RunResult ofRun(StageResult compile, StageResult run) {
        return new RunResult(run.status(), compile, run, null);
    }

    /** A compile stage that did not succeed: a compile error, unless it was stopped or the platform failed. */
    public static RunResult compileFailed(StageResult compile) {
        Status status = switch (compile.status()) {
            case KILLED, INTERNAL_ERROR -> compile.status();
            default -> Status.COMPILE_ERROR;
        };
        return new RunResult(status, compile, null, null);
    }

    public static RunResult preview(String content) {
        return new RunResult(Status.OK, null, null, content);
    }

    public static RunResult internalError(String reason) {
        return new RunResult(Status.INTERNAL_ERROR, null, StageResult.internalError(reason), null);
    }

    public Integer exitCode() {
        return run == null ? null : run.exitCode();
    }

    public Integer signal() {
        return run == null ? null : run.signal();
    }

    public String stdout() {
        return run == null ? (preview == null ? "" : preview) : run.stdout();
    }

    public String stderr() {
        return run == null ? "" : run.stderr();
    }

    public boolean stdoutTruncated() {
        return run != null && run.stdoutTruncated();
    }

    public boolean stderrTruncated() {
        return run != null && run.stderrTruncated();
    }

    /** Compiler messages, or null when nothing was compiled. */
    public String compileOutput() {
        if (compile == null) {
            return null;
        }
        String out = compile.stdout();
        String err = compile.stderr();
        return out.isEmpty() ? err : err.isEmpty() ? out : out + err;
    }

    public long wallTimeMs() {
        return run == null ? 0 : run.wallTimeMs();
    }

    public long cpuTimeMs() {
        return run == null ? 0 : run.cpuTimeMs();
    }

    public long memoryBytes() {
        return run == null ? 0 : run.memoryBytes();
    }

    /** Why a limit or the platform ended the run, in words, or null. */
    public String reason() {
        if (run != null && run.reason() != null) {
            return run.reason();
        }
        return compile == null ? null : compile.reason();
    }
}
