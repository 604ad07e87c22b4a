package io.coderunner.server.sandboxes;

import static io.coderunner.server.sandboxes.SandboxTesting.create;
import static io.coderunner.server.sandboxes.SandboxTesting.stdout;
import static io.coderunner.server.sandboxes.SandboxTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a server finds at start when the last one ended without stopping its sandboxes (a crash, a
 * kill -9): rows that say started or half-way, and no process behind them. The server's own
 * start-up step is run on such rows; a real sandbox's files are still there when it starts again.
 */
class SandboxRestartTests extends ServerTest {

    @Autowired
    SandboxService sandboxes;
    @Autowired
    JdbcClient jdbc;

    @Test
    void sandboxesLeftStartedAreStoppedAndHalfMadeOnesAreInError() {
        ApiClient owner = newUser(uniqueName("sbx-restart"));
        long userId = owner.get("/users/me").json().get("id").asLong();
        assertThat(admin().putJson("/admin/users/" + userId, Map.of("user_level", 2)).status()).isEqualTo(200);
        String id = create(owner, Map.of()).get("id").asString();
        stdout(owner, id, "echo survived > f");
        String making = create(owner, Map.of("name", "half")).get("id").asString();
        // The processes die with the server that held them; the rows still say started and creating.
        owner.postJson("/sandboxes/" + id + "/stop", Map.of());
        owner.postJson("/sandboxes/" + making + "/stop", Map.of());
        jdbc.sql("UPDATE sandboxes SET state = 'started' WHERE id = ?").param(id).update();
        jdbc.sql("UPDATE sandboxes SET state = 'creating' WHERE id = ?").param(making).update();

        sandboxes.settleAfterRestart();

        assertThat(owner.get("/sandboxes/" + id).json().get("state").asString()).isEqualTo("stopped");
        assertThat(owner.get("/sandboxes/" + id + "/transitions").json().toString()).contains("the server restarted");
        assertThat(owner.get("/sandboxes/" + making).json().get("state").asString()).isEqualTo("error");
        assertThat(owner.postJson("/sandboxes/" + id + "/start", Map.of()).status()).isEqualTo(200);
        assertThat(stdout(owner, id, "cat f")).isEqualTo("survived\n");
        owner.delete("/sandboxes/" + id);
        assertThat(owner.delete("/sandboxes/" + making).status()).as("a sandbox in error can be deleted").isEqualTo(204);
    }
}
