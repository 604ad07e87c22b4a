package io.coderunner.server.sandboxes;

import static io.coderunner.server.sandboxes.SandboxTesting.create;
import static io.coderunner.server.sandboxes.SandboxTesting.post;
import static io.coderunner.server.sandboxes.SandboxTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sessions and terminals in a real started sandbox, over real HTTP and real WebSockets. */
class SandboxSessionTests extends ServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode exec(ApiClient owner, String id, String session, String command) {
        ApiClient.Response done = owner.postJson("/sandboxes/" + id + "/process/sessions/" + session + "/exec", Map.of("command", command));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return done.json();
    }

    @Test
    void aSessionKeepsItsDirectoryAndVariablesAndEachCommandItsOwnOutputAndExitCode() {
        String ownerName = uniqueName("sbx-sess");
        ApiClient owner = newUser(ownerName);
        String id = create(owner, Map.of()).get("id").asString();
        assertThat(owner.postJson("/sandboxes/" + id + "/process/sessions", Map.of("session_id", "s1")).status()).isEqualTo(201);

        assertThat(exec(owner, id, "s1", "mkdir -p /tmp/x && cd /tmp/x && export A=1").get("exit_code").asInt()).isZero();
        JsonNode kept = exec(owner, id, "s1", "pwd; echo $A");
        assertThat(kept.get("command_id").asString()).isEqualTo("cmd-2");
        assertThat(kept.get("stdout").asString()).isEqualTo("/tmp/x\n1\n");

        JsonNode mixed = exec(owner, id, "s1", "echo out; echo err >&2; false");
        assertThat(mixed.get("exit_code").asInt()).isEqualTo(1);
        assertThat(mixed.get("stdout").asString()).isEqualTo("out\n");
        assertThat(mixed.get("stderr").asString()).isEqualTo("err\n");
        JsonNode broken = exec(owner, id, "s1", "echo 'unclosed");
        assertThat(broken.get("exit_code").asInt()).isEqualTo(2);
        assertThat(exec(owner, id, "s1", "echo still here").get("stdout").asString()).isEqualTo("still here\n");

        JsonNode session = owner.get("/sandboxes/" + id + "/process/sessions/s1").json();
        assertThat(session.get("commands")).hasSize(5);
        assertThat(session.get("commands").get(2).get("exit_code").asInt()).isEqualTo(1);

        ApiClient stranger = newUser(uniqueName("sbx-sess-other"));
        assertThat(stranger.get("/sandboxes/" + id + "/process/sessions/s1").status()).isEqualTo(404);
        assertThat(stranger.postJson("/sandboxes/" + id + "/process/sessions/s1/exec", Map.of("command", "id")).status()).isEqualTo(404);

        assertThat(exec(owner, id, "s1", "exit 4").get("exit_code").asInt()).isEqualTo(4);
        ApiClient.Response ended = owner.postJson("/sandboxes/" + id + "/process/sessions/s1/exec", Map.of("command", "true"));
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.json().get("code").asString()).isEqualTo("SESSION_ENDED");
    }

    @Test
    void anAsyncCommandIsFollowedLiveAndTakesInputAndItsSessionEndsWhenTheSandboxStops() throws Exception {
        String ownerName = uniqueName("sbx-sess-async");
        ApiClient owner = newUser(ownerName);
        String token = tokenOf(ownerName);
        String id = create(owner, Map.of()).get("id").asString();
        owner.postJson("/sandboxes/" + id + "/process/sessions", Map.of("session_id", "s2"));
        ApiClient.Response started = owner.postJson("/sandboxes/" + id + "/process/sessions/s2/exec",
                Map.of("command", "echo first; read line; echo got $line; echo bad >&2", "run_async", true));
        assertThat(started.json().has("exit_code")).isFalse();
        String cid = started.json().get("command_id").asString();
        String logs = "/sandboxes/" + id + "/process/sessions/s2/commands/" + cid + "/logs";

        Follower follower = new Follower();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + logs), follower).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.text().contains("first"));
        assertThat(owner.postJson(logs.replace("/logs", "/input"), Map.of("data", "hello\n")).status()).isEqualTo(204);
        assertThat(follower.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("1000");
        assertThat(follower.text()).contains("\"stdout\"", "got hello", "\"stderr\"", "bad", "\"exit_code\":0");
        ApiClient.Response read = owner.get(logs);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode whole = read.json();
        assertThat(whole.get("stdout").asString()).isEqualTo("first\ngot hello\n");
        assertThat(whole.get("stderr").asString()).isEqualTo("bad\n");

        post(owner, "/sandboxes/" + id + "/stop");
        assertThat(owner.get("/sandboxes/" + id + "/process/sessions/s2").status()).isEqualTo(409);
        post(owner, "/sandboxes/" + id + "/start");
        assertThat(owner.get("/sandboxes/" + id + "/process/sessions/s2").status()).isEqualTo(404);
    }

    @Test
    void aTerminalIsATtyThatEchoesKeysAndSeesItsResize() {
        String ownerName = uniqueName("sbx-pty");
        ApiClient owner = newUser(ownerName);
        String token = tokenOf(ownerName);
        String id = create(owner, Map.of()).get("id").asString();
        Follower terminal = new Follower();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/sandboxes/" + id + "/pty?cols=100&rows=30"), terminal).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> terminal.text().contains("\"connected\""));
        socket.sendText(JSON.writeValueAsString(Map.of("type", "input", "data", "tty; stty size\n")), true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> terminal.text().contains("/dev/pts") && terminal.text().contains("30 100"));
        socket.sendText(JSON.writeValueAsString(Map.of("type", "resize", "cols", 90, "rows", 20)), true).join();
        socket.sendText(JSON.writeValueAsString(Map.of("type", "input", "data", "echo typed-$((6*7)); stty size\n")), true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> terminal.text().contains("typed-$((6*7))")
                && terminal.text().contains("typed-42") && terminal.text().contains("20 90"));
        socket.sendText(JSON.writeValueAsString(Map.of("type", "input", "data", "exit 3\n")), true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> terminal.text().contains("\"exit_code\":3"));

        String strangerName = uniqueName("sbx-pty-other");
        newUser(strangerName);
        Follower refused = new Follower();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + tokenOf(strangerName))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/sandboxes/" + id + "/pty"), refused).join();
        assertThat(refused.closed.join()).startsWith("4404");
    }

    private String tokenOf(String username) {
        return login(username, "password-" + username + "-1");
    }

    /** A WebSocket client keeping every text message it got. */
    static final class Follower implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        synchronized String text() {
            return text.toString();
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            synchronized (this) {
                text.append(data);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }
    }
}
