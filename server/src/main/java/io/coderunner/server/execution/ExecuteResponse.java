package io.coderunner.server.execution;

import io.coderunner.engine.RunResult;

/**
 * The result of a run as the API shows it: snake_case fields, times in milliseconds, memory in
 * bytes. {@code reason} says in words why a limit or the platform ended the run.
 */
public record ExecuteResponse(
        String id,
        String language,
        String version,
        String status,
        Integer exitCode,
        Integer signal,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        String compileOutput,
        long executionTime,
        long cpuTime,
        long memoryUsage,
        String reason,
        String preview) {

    /** A recorded run, with its history id. */
    static ExecuteResponse of(ExecutionView run, io.coderunner.engine.language.LanguageRegistry languages) {
        String version = languages.find(run.language()).map(io.coderunner.engine.language.Language::version).orElse(null);
        boolean preview = languages.find(run.language()).map(io.coderunner.engine.language.Language::preview).orElse(false);
        return new ExecuteResponse(Long.toString(run.id()), run.language(), version, run.status(), run.exitCode(), run.signal(),
                preview ? "" : run.stdout(), run.stderr(), run.stdoutTruncated(), run.stderrTruncated(), run.compileOutput(),
                run.executionTime(), run.cpuTime(), run.memoryUsage(), run.reason(), preview ? run.result() : null);
    }

    static ExecuteResponse of(String id, String language, String version, RunResult result) {
        return new ExecuteResponse(id, language, version, result.status().name(), result.exitCode(), result.signal(),
                result.preview() == null ? result.stdout() : "", result.stderr(),
                result.stdoutTruncated(), result.stderrTruncated(), result.compileOutput(),
                result.wallTimeMs(), result.cpuTimeMs(), result.memoryBytes(), result.reason(), result.preview());
    }
}
