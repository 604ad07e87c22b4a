package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One slot and no waiting room: a second run while one executes is refused with 429. */
@DatabaseAgnostic
class ExecutionQueueTests extends ServerTest {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("coderunner.sandbox.slots", () -> "1");
        registry.add("coderunner.sandbox.queue-length", () -> "0");
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndRecovers() throws Exception {
        CompletableFuture<ApiClient.Response> slow = slowRun();
        ApiClient.Response refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            // A quick run is sent once the slot is taken (or the slow run is back, refused).
            CompletableFuture<ApiClient.Response> current = slow;
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> current.isDone() || running() == 1);
            // On a loaded machine the slow run may reach the server after a quick one, and be the one refused: send it again.
            if (slow.isDone() && slow.join().status() == 429) {
                slow = slowRun();
                continue;
            }
            ApiClient.Response response = api.postJson("/api/execute", Map.of("language", "python", "code", "print(1)"));
            if (response.status() == 429) {
                refused = response;
            }
        }

        assertThat(refused).as("a request refused while the only slot is busy").isNotNull();
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().get("detail").asString()).contains("queue is full");
        assertThat(slow.get().json().get("stdout").asString()).isEqualTo("slow done\n");
        assertThat(api.postJson("/api/execute", Map.of("language", "python", "code", "print(1)")).status()).isEqualTo(200);
    }

    /** Runs the server counts as going. */
    private int running() {
        return api.get("/api/status").json().get("queue").get("running").asInt();
    }

    private CompletableFuture<ApiClient.Response> slowRun() {
        return CompletableFuture.supplyAsync(() -> api.postJson("/api/execute",
                Map.of("language", "python", "code", "import time\ntime.sleep(2)\nprint('slow done')\n")));
    }
}
