package io.coderunner.server.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A project a terminal works in cannot be deleted under it: the deletion answers 409 and keeps the
 * project and its files, so nothing races the terminal's writes; once the session ends it goes.
 */
class ProjectInUseTests extends ServerTest {

    @Test
    void deletingAProjectATerminalWorksInAnswers409UntilTheSessionEnds() throws Exception {
        newUser("in-use");
        String token = login("in-use", "password-in-use-1");
        ApiClient user = api.withToken(token);
        assertThat(user.postJson("/workspace/projects", Map.of("name", "busy")).status()).isEqualTo(200);
        ApiClient.Response created = user.postJson("/ccresearch/sessions", Map.of("title", "busy", "project", "busy"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asString();
        TerminalClient terminal = TerminalClient.connect(port, id, token);
        terminal.next("connected");
        terminal.type("echo kept > kept.txt; echo done-$((6*7))\r");
        terminal.waitFor("done-42");

        ApiClient.Response refused = user.delete("/workspace/projects/busy");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.detail()).contains("in use");
        assertThat(user.get("/workspace/projects").body()).contains("busy");
        assertThat(user.get("/workspace/projects/busy/data/content?path=kept.txt").body()).contains("kept");

        assertThat(user.delete("/ccresearch/sessions/" + id).status()).isEqualTo(200);
        ApiClient.Response deleted = user.delete("/workspace/projects/busy");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(user.get("/workspace/projects").body()).doesNotContain("busy");
    }
}
