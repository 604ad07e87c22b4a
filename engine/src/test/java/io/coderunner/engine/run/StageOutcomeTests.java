package io.coderunner.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.engine.Limits;
import io.coderunner.engine.StageResult;
import io.coderunner.engine.Status;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a stage's end becomes a status, a reason, an exit code and a signal. */
class StageOutcomeTests {

    private static final Limits LIMITS = Limits.defaults().withWallTimeMs(2_000).withCpuTimeMs(1_000)
            .withMemoryBytes(64 * Limits.MIB).withMaxOutputBytes(1_024).withMaxFileBytes(4_096);
    private static final long UNDER_CPU_LIMIT_MS = 300;

    private static StageOutcome outcome(Termination cause, int exitCode, boolean runtimeSetupFailed, boolean oom, long cpuMs) {
        return new StageOutcome(cause, exitCode, runtimeSetupFailed, oom, TimeUnit.MILLISECONDS.toNanos(cpuMs),
                TimeUnit.MILLISECONDS.toNanos(1_500), 12 * Limits.MIB, "out\n", false, "err line\nmore\n", true);
    }

    /**
     * One row per branch and per precedence between two causes. Exit codes as the JVM reports them:
     * 128 + n for a death by signal n (137 SIGKILL, 139 SIGSEGV, 152 SIGXCPU, 153 SIGXFSZ); 125 is the
     * launcher's own failure.
     */
    @ParameterizedTest(name = "{0} exit {1} setup-failed {2} oom {3} cpu {4} ms -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # cause    | exit | setup | oom   | cpu  | status         | reason                                          | code | signal
            # The program's own end.
            -          | 0    | false | false | 300  | OK             | -                                               | 0    | -
            -          | 1    | false | false | 300  | RUNTIME_ERROR  | -                                               | 1    | -
            -          | 139  | false | false | 300  | RUNTIME_ERROR  | -                                               | 139  | 11
            -          | 192  | false | false | 300  | RUNTIME_ERROR  | -                                               | 192  | 64
            -          | 193  | false | false | 300  | RUNTIME_ERROR  | -                                               | 193  | -
            -          | 128  | false | false | 300  | RUNTIME_ERROR  | -                                               | 128  | -
            # The rlimits the stage script sets, told by their signals.
            -          | 153  | false | false | 300  | RUNTIME_ERROR  | file size limit of 4096 bytes exceeded          | 153  | 25
            -          | 152  | false | false | 300  | TIME_LIMIT     | CPU time limit of 1000 ms exceeded              | 152  | 24
            # CPU spent past the limit between two checks of the watchdog is the engine's CPU limit.
            -          | 0    | false | false | 1001 | TIME_LIMIT     | CPU time limit of 1000 ms exceeded              | -    | 9
            -          | 0    | false | false | 1000 | OK             | -                                               | 0    | -
            # The engine's own reasons: the program did not exit, it was killed.
            STOPPED    | 137  | false | false | 300  | KILLED         | stopped                                         | -    | 9
            OUTPUT     | 137  | false | false | 300  | OUTPUT_LIMIT   | output limit of 1024 bytes per stream exceeded  | 137  | 9
            WALL_TIME  | 137  | false | false | 300  | TIME_LIMIT     | wall time limit of 2000 ms exceeded             | -    | 9
            CPU_TIME   | 137  | false | false | 300  | TIME_LIMIT     | CPU time limit of 1000 ms exceeded              | -    | 9
            # Failed setups: the launcher's exit code, or the runtime's own report.
            -          | 125  | false | false | 300  | INTERNAL_ERROR | the sandbox could not start the program: err line | - | -
            -          | 1    | true  | false | 300  | INTERNAL_ERROR | the sandbox could not start the program: err line | - | -
            # The memory limit, whether the program died of it or a child of it did.
            -          | 137  | false | true  | 300  | MEMORY_LIMIT   | memory limit of 67108864 bytes exceeded         | 137  | 9
            -          | 0    | false | true  | 300  | MEMORY_LIMIT   | memory limit of 67108864 bytes exceeded         | 0    | -
            # Precedence: a stop beats every limit.
            STOPPED    | 137  | false | true  | 1001 | KILLED         | stopped                                         | -    | 9
            STOPPED    | 152  | true  | false | 300  | KILLED         | stopped                                         | -    | 9
            # The output limit beats the time limits.
            OUTPUT     | 152  | false | false | 1001 | OUTPUT_LIMIT   | output limit of 1024 bytes per stream exceeded  | 152  | 9
            # Wall time beats CPU time, and a timeout beats the memory limit and a failed setup.
            WALL_TIME  | 152  | false | false | 1001 | TIME_LIMIT     | wall time limit of 2000 ms exceeded             | -    | 9
            WALL_TIME  | 137  | false | true  | 300  | TIME_LIMIT     | wall time limit of 2000 ms exceeded             | -    | 9
            WALL_TIME  | 125  | false | false | 300  | TIME_LIMIT     | wall time limit of 2000 ms exceeded             | -    | 9
            CPU_TIME   | 137  | false | true  | 300  | TIME_LIMIT     | CPU time limit of 1000 ms exceeded              | -    | 9
            -          | 152  | false | true  | 300  | TIME_LIMIT     | CPU time limit of 1000 ms exceeded              | 152  | 24
            -          | 125  | false | false | 1001 | TIME_LIMIT     | CPU time limit of 1000 ms exceeded              | -    | 9
            # A failed setup beats the memory limit: the program never ran.
            -          | 125  | false | true  | 300  | INTERNAL_ERROR | the sandbox could not start the program: err line | - | -
            -          | 1    | true  | true  | 300  | INTERNAL_ERROR | the sandbox could not start the program: err line | - | -
            # The memory limit beats the file size limit's signal.
            -          | 153  | false | true  | 300  | MEMORY_LIMIT   | memory limit of 67108864 bytes exceeded         | 153  | 25
            """)
    void decides(Termination cause, int exitCode, boolean runtimeSetupFailed, boolean oom, long cpuMs,
                 Status status, String reason, Integer reportedExitCode, Integer signal) {
        StageResult result = outcome(cause, exitCode, runtimeSetupFailed, oom, cpuMs).result(LIMITS);

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.exitCode()).as("exit code").isEqualTo(reportedExitCode);
        assertThat(result.signal()).as("signal").isEqualTo(signal);
    }

    @Test
    void aFailedSetupShowsNoOutputBecauseNoProgramWroteIt() {
        StageResult result = outcome(null, Launcher.SETUP_FAILED, false, false, UNDER_CPU_LIMIT_MS).result(LIMITS);

        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void theReasonOfAFailedSetupIsTheFirstLineTheRuntimeWrote() {
        StageOutcome outcome = new StageOutcome(null, 1, true, false, 0, 0, 0, "", false,
                "\n  bwrap: Can't mount tmpfs on /tmp: No space left on device\nsecond\n", false);

        assertThat(outcome.result(LIMITS).reason())
                .isEqualTo("the sandbox could not start the program: bwrap: Can't mount tmpfs on /tmp: No space left on device");
    }

    @Test
    void everyOtherEndKeepsTheOutputAndTheMeasurements() {
        for (Termination cause : new Termination[] {null, Termination.STOPPED, Termination.OUTPUT, Termination.WALL_TIME,
                Termination.CPU_TIME}) {
            StageResult result = outcome(cause, 137, false, true, UNDER_CPU_LIMIT_MS).result(LIMITS);

            assertThat(result.stdout()).as(String.valueOf(cause)).isEqualTo("out\n");
            assertThat(result.stderr()).isEqualTo("err line\nmore\n");
            assertThat(result.stdoutTruncated()).isFalse();
            assertThat(result.stderrTruncated()).isTrue();
            assertThat(result.wallTimeMs()).isEqualTo(1_500);
            assertThat(result.cpuTimeMs()).isEqualTo(UNDER_CPU_LIMIT_MS);
            assertThat(result.memoryBytes()).isEqualTo(12 * Limits.MIB);
        }
    }
}
