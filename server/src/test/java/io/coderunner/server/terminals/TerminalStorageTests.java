package io.coderunner.server.terminals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A terminal writes into the user's storage: past the tier's workspace storage limit its session
 * is ended, whether it works in a project or in a folder of its own.
 */
@TestPropertySource(properties = "coderunner.workspaces.storage-mb.1=4")
@DatabaseAgnostic
class TerminalStorageTests extends ServerTest {

    private TerminalClient openTerminal(ApiClient user, String token, Map<String, Object> body) throws InterruptedException {
        ApiClient.Response created = user.postJson("/ccresearch/sessions", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        TerminalClient terminal = TerminalClient.connect(port, created.json().get("id").asString(), token);
        terminal.next("connected");
        return terminal;
    }

    private ApiClient.Response detail(ApiClient user, String id) {
        return user.get("/ccresearch/sessions/detail/" + id);
    }

    @Test
    void aTerminalOfItsOwnIsEndedWhenItWritesPastTheLimit() throws Exception {
        newUser("filler");
        String token = login("filler", "password-filler-1");
        ApiClient user = api.withToken(token);
        ApiClient.Response created = user.postJson("/ccresearch/sessions", Map.of("title", "filler"));
        String id = created.json().get("id").asString();
        TerminalClient terminal = TerminalClient.connect(port, id, token);
        terminal.next("connected");
        // 1 MiB files, one after another: a file stays under the session's file-size limit, their sum does not.
        terminal.type("for i in $(seq 1 12); do head -c 1048576 /dev/zero > f$i; sleep 0.3; done; echo wrote-$((6*7))\r");

        String closed = terminal.closed.get(30, TimeUnit.SECONDS);
        assertThat(closed).isNotEmpty();
        assertThat(terminal.screen()).contains("storage limit").doesNotContain("wrote-42");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(detail(user, id).json().get("status").asString()).isEqualTo("terminated"));
    }

    @Test
    void aTerminalInAProjectCountsWithTheProjectsFiles() throws Exception {
        newUser("project-filler");
        String token = login("project-filler", "password-project-filler-1");
        ApiClient user = api.withToken(token);
        assertThat(user.postJson("/workspace/projects", Map.of("name", "big")).status()).isEqualTo(200);
        TerminalClient terminal = openTerminal(user, token, Map.of("title", "in project", "project", "big"));
        terminal.type("for i in $(seq 1 12); do head -c 1048576 /dev/zero > g$i; sleep 0.3; done; echo wrote-$((6*7))\r");

        assertThat(terminal.closed.get(30, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(terminal.screen()).contains("storage limit").doesNotContain("wrote-42");
    }

    @Test
    void aTreeTooDeepToMeasureCountsAsOverTheLimit() throws Exception {
        newUser("deep-filler");
        String token = login("deep-filler", "password-deep-filler-1");
        ApiClient user = api.withToken(token);
        TerminalClient terminal = openTerminal(user, token, Map.of("title", "deep"));
        // One mkdir for all 1,200 levels (the path is 2,400 characters): a process per level would take
        // most of a minute on the terminal's half a core.
        terminal.type("mkdir -p $(printf 'd/%.0s' $(seq 1 1200)); sleep 5; echo wrote-$((6*7))\r");

        assertThat(terminal.closed.get(30, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(terminal.screen()).contains("can no longer be measured").doesNotContain("wrote-42");
    }
}
