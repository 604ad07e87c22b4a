package io.coderunner.engine.run;

import io.coderunner.engine.Limits;
import io.coderunner.engine.StageResult;
import io.coderunner.engine.Status;
import java.util.concurrent.TimeUnit;

/**
 * Everything known of a stage once its runtime has exited, and what that means for the caller:
 * the one place where an exit code, the engine's own reason for ending the stage, the kernel's
 * accounting and the runtime's complaints become a {@link Status} and a sentence.
 *
 * <p>The engine's own reasons come first, in the order of whose doing they are: someone stopping
 * the run, then the output, wall time and CPU time limits. A stage the engine did not end is
 * then a failed setup (the program never ran, so nothing else it shows is meaningful), a memory
 * limit, or the program's own exit.
 *
 * @param cause              why the engine ended the stage, or null when it ran to its end
 * @param exitCode           the runtime's exit status as the JVM reports it (128 + n for signal n)
 * @param runtimeSetupFailed whether the runtime said it could not start the program (the launcher's
 *                           own failure is recognised here by its exit code)
 * @param oomKilled          whether the kernel killed a process of the stage for memory
 * @param cpuNanos           CPU time of the stage's control group
 * @param wallNanos          wall time from {@code go} to the runtime's exit
 * @param peakMemoryBytes    the control group's peak memory
 */
record StageOutcome(
        Termination cause,
        int exitCode,
        boolean runtimeSetupFailed,
        boolean oomKilled,
        long cpuNanos,
        long wallNanos,
        long peakMemoryBytes,
        String stdout,
        boolean stdoutTruncated,
        String stderr,
        boolean stderrTruncated) {

    /** The soft limit on CPU time the stage script sets: its signal means the CPU limit, not a crash. */
    static final int SIGXCPU = 24;
    /** The signal of a write past the file size rlimit. */
    static final int SIGXFSZ = 25;
    /** The signal the engine's kill of a control group sends. */
    static final int SIGKILL = 9;

    StageResult result(Limits limits) {
        Termination ended = cause;
        // Spent between two checks of the watchdog, and ended by the rlimit before the next.
        if (ended == null && cpuNanos > TimeUnit.MILLISECONDS.toNanos(limits.cpuTimeMs())) {
            ended = Termination.CPU_TIME;
        }
        Integer signal = signal();
        boolean setupFailed = exitCode == Launcher.SETUP_FAILED || runtimeSetupFailed;

        Status status;
        String reason = null;
        if (ended == Termination.STOPPED) {
            status = Status.KILLED;
            reason = "stopped";
        } else if (ended == Termination.OUTPUT) {
            status = Status.OUTPUT_LIMIT;
            reason = "output limit of " + limits.maxOutputBytes() + " bytes per stream exceeded";
        } else if (ended == Termination.WALL_TIME) {
            status = Status.TIME_LIMIT;
            reason = "wall time limit of " + limits.wallTimeMs() + " ms exceeded";
        } else if (ended == Termination.CPU_TIME || (signal != null && signal == SIGXCPU)) {
            status = Status.TIME_LIMIT;
            reason = "CPU time limit of " + limits.cpuTimeMs() + " ms exceeded";
        } else if (setupFailed) {
            status = Status.INTERNAL_ERROR;
            reason = "the sandbox could not start the program: " + firstLine(stderr);
        } else if (oomKilled) {
            status = Status.MEMORY_LIMIT;
            reason = "memory limit of " + limits.memoryBytes() + " bytes exceeded";
        } else if (exitCode == 0) {
            status = Status.OK;
        } else {
            status = Status.RUNTIME_ERROR;
            if (signal != null && signal == SIGXFSZ) {
                reason = "file size limit of " + limits.maxFileBytes() + " bytes exceeded";
            }
        }
        boolean internal = status == Status.INTERNAL_ERROR;
        // Only a program that ended by itself has an exit of its own to report; one the engine
        // killed died of the engine's SIGKILL.
        boolean exited = ended == null && !internal;
        return new StageResult(status,
                exited || ended == Termination.OUTPUT ? Integer.valueOf(exitCode) : null,
                exited ? signal : (ended == null ? null : SIGKILL),
                internal ? "" : stdout,
                internal ? "" : stderr,
                stdoutTruncated, stderrTruncated,
                TimeUnit.NANOSECONDS.toMillis(wallNanos), TimeUnit.NANOSECONDS.toMillis(cpuNanos), peakMemoryBytes, reason);
    }

    /** The signal that ended the runtime, as the JVM reports it: exit status 128 + n. */
    private Integer signal() {
        return exitCode > 128 && exitCode < 128 + 65 ? exitCode - 128 : null;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
