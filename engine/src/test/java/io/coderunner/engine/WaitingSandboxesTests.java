package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sandboxes the engine keeps waiting between runs must not hold on to the JVM's threads: a
 * server whose request handlers are virtual threads has to keep answering while they wait.
 */
class WaitingSandboxesTests {

    @Test
    void virtualThreadsKeepRunningWhileEverySlotHasAWaitingSandbox() throws Exception {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
        // Run in every slot at once, so that each slot is left with a sandbox waiting for its next run.
        List<CompletableFuture<RunResult>> runs = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < SandboxFixture.SLOTS; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> SandboxFixture.run("python", "import time\ntime.sleep(0.1)\n")));
            }
        }
        for (CompletableFuture<RunResult> run : runs) {
            assertThat(run.get(30, TimeUnit.SECONDS).status()).isEqualTo(Status.OK);
        }

        // A read that waits for as long as a slot is idle must not sit on a virtual thread's carrier:
        // the readers of the waiting sandboxes are platform threads (which this list holds; it has no virtual ones).
        // Each slot starts its next sandbox as the last step of giving the slot back: wait until all have.
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().matches("std(out|err)-slot-\\d+"))
                        .as("threads reading the waiting sandboxes").hasSizeGreaterThanOrEqualTo(2 * SandboxFixture.SLOTS)
                        .allMatch(t -> !t.isVirtual()));

        int threads = 4 * Runtime.getRuntime().availableProcessors() + 4;
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread.ofVirtual().start(() -> {
                try {
                    // Sleeping is what these threads are for: each parks and must get a carrier back.
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).as("virtual threads ran while the sandboxes waited").isTrue();

        RunResult after = SandboxFixture.run("python", "print('still here')\n");
        assertThat(after.stdout()).isEqualTo("still here\n");
    }
}
