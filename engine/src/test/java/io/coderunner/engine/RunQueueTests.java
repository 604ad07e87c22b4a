package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run that waits for a free slot says when it got one, so waiting and running can be told apart. */
class RunQueueTests {

    @Test
    void aRunStartsOnlyWhenASlotIsFree() {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
        Sandbox sandbox = SandboxFixture.sandbox();
        // Every slot holds a program that waits for its input, so the next run has to queue.
        List<RunHandle> holding = new ArrayList<>();
        for (int i = 0; i < SandboxFixture.SLOTS; i++) {
            RunHandle handle = sandbox.start(RunSpec.of(SandboxFixture.language("bash"), "cat > /dev/null\n", Limits.defaults())
                    .withStdin(null), OutputListener.NONE);
            holding.add(handle);
        }
        holding.forEach(handle -> await().atMost(Duration.ofSeconds(20)).until(() -> handle.started().isDone()));

        RunHandle queued = sandbox.start(RunSpec.of(SandboxFixture.language("bash"), "echo done\n", Limits.defaults()),
                OutputListener.NONE);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !queued.started().isDone());

        holding.getFirst().closeStdin();
        await().atMost(Duration.ofSeconds(20)).until(() -> queued.started().isDone());
        assertThat(queued.await().stdout()).isEqualTo("done\n");
        holding.forEach(RunHandle::closeStdin);
        holding.forEach(handle -> assertThat(handle.await().status()).isEqualTo(Status.OK));
    }
}
