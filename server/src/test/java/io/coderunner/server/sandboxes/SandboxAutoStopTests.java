package io.coderunner.server.sandboxes;

import static io.coderunner.server.sandboxes.SandboxTesting.create;
import static io.coderunner.server.sandboxes.SandboxTesting.hostProcesses;
import static io.coderunner.server.sandboxes.SandboxTesting.stdout;
import static io.coderunner.server.sandboxes.SandboxTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A server whose auto-stop, auto-archive and auto-delete minutes last 200 ms, checked ten times a second. */
@DatabaseAgnostic
class SandboxAutoStopTests extends ServerTest {

    @DynamicPropertySource
    static void shortMinutes(DynamicPropertyRegistry registry) {
        registry.add("coderunner.sandboxes.minute", () -> "200ms");
        registry.add("coderunner.sandboxes.reaper-interval-ms", () -> "100");
    }

    @Test
    void anIdleSandboxStopsByItselfThenArchivesAndIsDeleted() {
        ApiClient owner = newUser(uniqueName("sbx-idle"));
        String id = create(owner, Map.of("auto_stop_minutes", 10, "auto_archive_minutes", 5)).get("id").asString();
        String sleeper = "sleep 6" + (System.nanoTime() % 100_000) + ".5";
        stdout(owner, id, "echo stays > f; (" + sleeper + " >/dev/null 2>&1 &)");
        await().atMost(Duration.ofSeconds(5)).until(() -> hostProcesses(sleeper) == 1);

        // Busy: commands keep coming, more often than its two idle seconds.
        long busyUntil = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < busyUntil) {
            assertThat(stdout(owner, id, "cat f")).isEqualTo("stays\n");
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        }
        assertThat(owner.get("/sandboxes/" + id).json().get("state").asString()).isEqualTo("started");

        await().atMost(Duration.ofSeconds(15)).until(() -> owner.get("/sandboxes/" + id).json().get("state").asString().equals("archived"));
        assertThat(hostProcesses(sleeper)).isZero();
        assertThat(owner.get("/sandboxes/" + id + "/transitions").json().toString()).contains("idle for 10 minutes");
        assertThat(owner.postJson("/sandboxes/" + id + "/start", Map.of()).status()).isEqualTo(200);
        assertThat(stdout(owner, id, "cat f")).isEqualTo("stays\n");

        assertThat(owner.putJson("/sandboxes/" + id + "/auto-stop", Map.of("auto_stop_minutes", 0, "auto_delete_minutes", 0))
                .json().get("auto_stop_minutes").asInt()).isZero();
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(owner.get("/sandboxes/" + id).json().get("state").asString()).as("0 minutes: never stops").isEqualTo("started");
        owner.postJson("/sandboxes/" + id + "/stop", Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.get("/sandboxes/" + id).status() == 404);
    }
}
