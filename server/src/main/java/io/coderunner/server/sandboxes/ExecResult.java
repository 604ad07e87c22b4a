package io.coderunner.server.sandboxes;

/**
 * What a process run to its end in a sandbox gave back.
 *
 * @param result    stdout and stderr together, in the order they were written
 * @param timedOut  whether it was killed because its timeout passed (exit code 137 then)
 * @param truncated whether output beyond what is kept was dropped
 */
public record ExecResult(int exitCode, String stdout, String stderr, String result, boolean timedOut, boolean truncated) {
}
