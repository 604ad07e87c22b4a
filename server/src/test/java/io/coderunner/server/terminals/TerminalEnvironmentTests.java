package io.coderunner.server.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.environments.LocalPackageIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A terminal session with an environment: bash in the real sandbox imports what the real pip
 * installed into the user's virtual environment, cannot change it, and keeps it from being deleted
 * while the session lives.
 */
class TerminalEnvironmentTests extends ServerTest {

    private static LocalPackageIndex index;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        index = new LocalPackageIndex().add("crshell", "3.7", 0, 0);
        registry.add("coderunner.environments.pip-index-url", index::url);
        registry.add("coderunner.environments.install-timeout-seconds", () -> "120");
    }

    @AfterAll
    static void stopIndex() {
        index.close();
    }

    record User(ApiClient api, String token) {
    }

    private User user(String name) {
        String unique = name + "-" + Long.toString(System.nanoTime(), 36);
        newUser(unique);
        String token = login(unique, "password-" + unique + "-1");
        return new User(api.withToken(token), token);
    }

    @Test
    void theTerminalImportsTheEnvironmentsPackagesReadOnlyAndHoldsItWhileItLives() throws Exception {
        User owner = user("termenv");
        long envId = owner.api().postJson("/user-environments", Map.of("name", "shellpy", "language", "python"))
                .json().get("id").asLong();
        ApiClient.Response installed = owner.api().postJson("/environments/shellpy/packages/install",
                Map.of("packages", List.of("crshell==3.7")));
        assertThat(installed.status()).as(installed.body()).isEqualTo(200);

        ApiClient.Response created = owner.api().postJson("/ccresearch/sessions", Map.of("title", "with packages",
                "environment", "shellpy"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asString();

        TerminalClient terminal = TerminalClient.connect(port, id, owner.token());
        terminal.type("python3 -c \"import crshell, sys; print('v-' + crshell.__version__, sys.prefix)\"\r");
        terminal.waitFor("v-3.7 /opt/environment\r\n");
        terminal.type("touch /opt/environment/x || echo refused-$((6*7))\r");
        assertThat(terminal.waitFor("refused-42")).contains("Read-only file system");

        ApiClient.Response inUse = owner.api().delete("/user-environments/" + envId);
        assertThat(inUse.status()).as(inUse.body()).isEqualTo(409);
        assertThat(inUse.detail()).contains("in use");

        assertThat(owner.api().delete("/ccresearch/sessions/" + id).status()).isEqualTo(200);
        ApiClient.Response deleted = owner.api().delete("/user-environments/" + envId);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(owner.api().get("/user-environments/" + envId).status()).isEqualTo(404);
    }

    @Test
    void anotherUsersPrivateEnvironmentIsRefusedAndARefusedSessionHoldsNothing() throws Exception {
        User owner = user("envowner");
        long envId = owner.api().postJson("/user-environments", Map.of("name", "privatepy")).json().get("id").asLong();
        User other = user("envguest");

        ApiClient.Response byId = other.api().postJson("/ccresearch/sessions", Map.of("environment", Long.toString(envId)));
        assertThat(byId.status()).as(byId.body()).isEqualTo(404);
        assertThat(byId.detail()).contains("not found");
        // The form of a session with files takes the environment too.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String boundary = "----terminal-env-" + System.nanoTime();
        TerminalApiTests.part(body, boundary, "environment", null, Long.toString(envId));
        TerminalApiTests.part(body, boundary, "files", "notes.txt", "notes");
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        ApiClient.Response form = other.api().send(other.api().request("/ccresearch/sessions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(form.status()).as(form.body()).isEqualTo(404);
        assertThat(other.api().get("/ccresearch/sessions").json()).isEmpty();

        // A session refused after the environment was taken (a free tier has one session at once) gives it back.
        String first = owner.api().postJson("/ccresearch/sessions", Map.of("title", "first")).json().get("id").asString();
        ApiClient.Response second = owner.api().postJson("/ccresearch/sessions", Map.of("environment", "privatepy"));
        assertThat(second.status()).as(second.body()).isEqualTo(429);
        owner.api().delete("/ccresearch/sessions/" + first);
        assertThat(owner.api().delete("/user-environments/" + envId).status()).isEqualTo(200);
    }
}
