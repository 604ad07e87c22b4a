package io.coderunner.engine;

/**
 * What one sandboxed process tree did: the compile stage or the run stage.
 *
 * @param exitCode null when the process never started or was killed before it could exit
 * @param signal   the signal that ended it, if one did
 * @param reason   a sentence for people when a limit or the platform ended it, else null
 */
public record StageResult(
        Status status,
        Integer exitCode,
        Integer signal,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        long wallTimeMs,
        long cpuTimeMs,
        long memoryBytes,
        String reason) {

    public static StageResult internalError(String reason) {
        return new StageResult(Status.INTERNAL_ERROR, null, null, "", "", false, false, 0, 0, 0, reason);
    }
}
