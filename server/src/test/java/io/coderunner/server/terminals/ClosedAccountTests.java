package io.coderunner.server.terminals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.execution.ExecuteSocketClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An account that an administrator disables or deletes loses everything it had going at once:
 * its terminal keeps no process and no socket, its runs are stopped, its sockets closed.
 */
class ClosedAccountTests extends ServerTest {

    private record Holdings(long userId, String sleeper, TerminalClient terminal, ExecuteSocketClient socket, String runId,
                            ApiClient api) {
    }

    /** A user with a terminal running a background sleeper, a streaming run and an asynchronous run. */
    private Holdings userWithEverythingGoing(String name) throws Exception {
        String unique = name + "-" + Long.toString(System.nanoTime(), 36);
        newUser(unique);
        String token = login(unique, "password-" + unique + "-1");
        ApiClient user = api.withToken(token);
        long id = user.get("/users/me").json().get("id").asLong();

        ApiClient.Response created = user.postJson("/ccresearch/sessions", Map.of("title", "held"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        TerminalClient terminal = TerminalClient.connect(port, created.json().get("id").asString(), token);
        terminal.next("connected");
        String sleeper = "sleep " + (1_000_000 + ThreadLocalRandom.current().nextInt(8_000_000));
        terminal.type(sleeper + " &\r");
        terminal.type("echo started-$((40+2))\r");
        terminal.waitFor("started-42");
        assertThat(HostProcesses.appears(sleeper)).as("the terminal's background process runs").isTrue();

        ExecuteSocketClient socket = new ExecuteSocketClient(port, true, Map.of());
        socket.send(Map.of("type", "auth", "token", token));
        socket.next("authenticated");
        socket.send(Map.of("type", "start", "language", "bash", "code", "sleep 120"));
        socket.next("started");

        ApiClient.Response async = user.postJson("/api/execute", Map.of("language", "bash", "code", "sleep 120", "wait", false));
        assertThat(async.status()).as(async.body()).isEqualTo(202);
        String runId = async.json().get("id").asString();
        return new Holdings(id, sleeper, terminal, socket, runId, user);
    }

    private void assertAllEnded(Holdings held, String why) throws Exception {
        assertThat(HostProcesses.gone(held.sleeper())).as("nothing of the terminal runs").isTrue();
        assertThat(held.terminal().closed.get(10, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(held.socket().closed.get(10, TimeUnit.SECONDS)).startsWith("4401 ").contains(why);
        ApiClient admin = admin();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(admin.get("/api/executions/" + held.runId()).json().path("status").asString()).isEqualTo("KILLED"));
    }

    @Test
    void disablingAUserEndsTheirTerminalRunsAndSockets() throws Exception {
        Holdings held = userWithEverythingGoing("disabled-holder");
        assertThat(admin().putJson("/admin/users/" + held.userId(), Map.of("is_active", false)).status()).isEqualTo(200);
        assertAllEnded(held, "disabled");
    }

    @Test
    void deletingAUserEndsTheirTerminalRunsAndSockets() throws Exception {
        Holdings held = userWithEverythingGoing("deleted-holder");
        assertThat(admin().delete("/admin/users/" + held.userId()).status()).isEqualTo(200);
        assertAllEnded(held, "deleted");
    }
}
