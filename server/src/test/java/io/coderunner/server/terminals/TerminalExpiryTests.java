package io.coderunner.server.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A server whose Free tier ends terminal sessions after two idle seconds, checked five times a second. */
@DatabaseAgnostic
class TerminalExpiryTests extends ServerTest {

    @DynamicPropertySource
    static void shortIdleTimeout(DynamicPropertyRegistry registry) {
        registry.add("coderunner.tiers.levels.1.terminal-idle-seconds", () -> "2");
        registry.add("coderunner.terminals.reaper-interval-ms", () -> "200");
    }

    @Test
    void anIdleSessionIsEndedAndItsProcessesKilled() throws Exception {
        String name = "idle-" + Long.toString(System.nanoTime(), 36);
        newUser(name);
        String token = login(name, "password-" + name + "-1");
        ApiClient owner = api.withToken(token);
        ApiClient.Response created = owner.postJson("/ccresearch/sessions", Map.of("title", "forgotten"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asString();

        TerminalClient terminal = TerminalClient.connect(port, id, token);
        String sleeper = "sleep 7" + (System.nanoTime() % 1_000_000);
        terminal.type(sleeper + " &\r");
        terminal.type("echo running-$((1+1))\r");
        terminal.waitFor("running-2");
        assertThat(HostProcesses.appears(sleeper)).isTrue();

        // Nobody types: the session ends by itself, and the client is told.
        assertThat(terminal.next("exit").get("reason").asString()).isEqualTo("expired");
        assertThat(terminal.closed.get(10, TimeUnit.SECONDS)).startsWith("1000");
        assertThat(HostProcesses.gone(sleeper)).as("nothing of the expired session runs").isTrue();
        assertThat(owner.get("/ccresearch/sessions/detail/" + id).json().get("status").asString()).isEqualTo("terminated");

        // An ended session no longer counts against the tier's one session at once, and cannot be reopened.
        TerminalClient late = TerminalClient.connect(port, id, token);
        assertThat(late.closed.get(10, TimeUnit.SECONDS)).startsWith("4410");
        ApiClient.Response next = owner.postJson("/ccresearch/sessions", Map.of("title", "next"));
        assertThat(next.status()).isEqualTo(200);
        owner.delete("/ccresearch/sessions/" + next.json().get("id").asString());
    }
}
