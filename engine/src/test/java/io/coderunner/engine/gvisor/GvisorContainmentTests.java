package io.coderunner.engine.gvisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputListener;
import io.coderunner.engine.RunHandle;
import io.coderunner.engine.RunResult;
import io.coderunner.engine.RunSpec;
import io.coderunner.engine.SandboxContainmentAttacks;
import io.coderunner.engine.Status;
import io.coderunner.engine.language.Language;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The containment attacks of {@link SandboxContainmentAttacks} against gVisor's runs, in a sandbox
 * of their own (uids 63200-63201 and a cgroup name of their own); after each, no runsc process of
 * the run is left and the slot's next sandbox waits.
 */
class GvisorContainmentTests extends SandboxContainmentAttacks {

    private static final int UID_BASE = 63200;
    private static final String CGROUP_NAME = "coderunner-gvisor-containment-tests";

    private static GvisorTestSandbox gvisor;

    private long launchesBefore;
    private boolean ran;

    @BeforeAll
    static void startSandbox() throws IOException {
        gvisor = GvisorTestSandbox.open(UID_BASE, CGROUP_NAME);
    }

    @AfterAll
    static void closeSandbox() throws IOException {
        if (gvisor != null) {
            gvisor.close();
            gvisor = null;
        }
    }

    @BeforeEach
    void rememberTheNewestSandbox() {
        launchesBefore = gvisor.processes.newestLaunch();
    }

    @Override
    protected RunResult run(String language, String code, Limits limits) {
        ran = true;
        return gvisor.sandbox.run(RunSpec.of(language(language), code, limits));
    }

    @Override
    protected RunHandle start(RunSpec spec, OutputListener listener) {
        ran = true;
        return gvisor.sandbox.start(spec, listener);
    }

    @Override
    protected Language language(String id) {
        return gvisor.language(id);
    }

    /** The sentry's own work between the program's instructions: the run is ended a little later. */
    @Override
    protected long wallTimeToEndACpuBurnMs() {
        return 4_000;
    }

    /**
     * Under gVisor the bomb does not reach the program as refused forks: it ends the whole
     * sandbox, runsc exiting with 2 and nothing on the program's output, quickly and with nothing
     * left (which the check after each test asserts).
     */
    @Override
    protected void assertForkBombHeld(RunResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(result.wallTimeMs()).as(result.toString()).isLessThan(3_000);
    }

    /**
     * The sentry runs the program's threads as tasks of its own, not as host threads, so the
     * control group's process limit does not count them: the bomb is held by the CPU and memory
     * limits instead.
     */
    @Override
    protected void assertThreadBombHeld(RunResult result, int maxProcesses) {
        assertThat(result.status()).as(result.toString()).isIn(Status.TIME_LIMIT, Status.MEMORY_LIMIT);
        assertThat(result.stdout()).doesNotContain("stopped at");
    }

    /** The sentry shares the program's control group, and the kernel may charge its allocations a few pages past the limit. */
    @Override
    protected long memoryPastTheLimitBytes() {
        return 64 * 1024;
    }

    /** The sentry serves a synthetic /sys of its own; nothing in it is the host's. */
    @Override
    protected boolean showsASysfsOfItsOwn() {
        return true;
    }

    @Override
    protected void assertNothingOutlivedTheRun() {
        if (ran) {
            // Once the slot's next sandbox waits, the engine is done with the run (and closing is safe).
            assertThat(gvisor.processes.awaitLaunchAfter(launchesBefore))
                    .as("the slot's next sandbox was started after launch " + launchesBefore + ": " + gvisor.processes.ours())
                    .isTrue();
        }
        assertThat(gvisor.processes.leftovers()).as("processes left by the run").isEmpty();
    }
}
