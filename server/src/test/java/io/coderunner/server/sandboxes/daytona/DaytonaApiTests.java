package io.coderunner.server.sandboxes.daytona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Daytona-compatible API over real HTTP and a real WebSocket: the mapping onto the sandboxes,
 * the refusals in Daytona's error shape, the key's scope, and the event channel's handshake and
 * pushes. What a started sandbox does is covered by {@link DaytonaSdkTests}.
 */
class DaytonaApiTests extends ServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private String key(ApiClient user, String... scopes) {
        ApiClient.Response key = user.postJson("/api-keys", Map.of("key_name", "k", "scopes", List.of(scopes)));
        assertThat(key.status()).as(key.body()).isEqualTo(200);
        return key.json().get("api_key").asString();
    }

    private static void daytonaError(ApiClient.Response response, int status, String... named) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("error").asString()).isNotBlank();
        for (String name : named) {
            assertThat(body.get("message").asString()).contains(name);
        }
    }

    /** A sandbox made through the Daytona API: started, the owner's, and shown in Daytona's shape. */
    private JsonNode sandboxOf(ApiClient owner, String name, Map<String, String> labels) {
        ApiClient.Response created = owner.postJson("/daytona/api/sandbox", Map.of("name", name, "env", Map.of("A", "1"),
                "labels", labels, "target", "eu", "autoStopInterval", 30, "autoArchiveInterval", 0, "autoDeleteInterval", -1));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("state").asString()).isEqualTo("started");
        ApiClient.Response read = owner.get("/daytona/api/sandbox/" + name);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json();
    }

    @Test
    void aSandboxIsShownInDaytonasShapeWithItsLanguageAsALabel() {
        ApiClient owner = api.withToken(key(newUser(unique("sbx-dt-shape")), "sandboxes"));
        String name = unique("shaped");
        JsonNode sandbox = sandboxOf(owner, name, Map.of("team", "x", "code-toolbox-language", "javascript"));
        assertThat(sandbox.get("name").asString()).isEqualTo(name);
        assertThat(sandbox.get("labels").get("team").asString()).isEqualTo("x");
        assertThat(sandbox.get("labels").get("code-toolbox-language").asString()).isEqualTo("javascript");
        assertThat(sandbox.get("env").get("A").asString()).isEqualTo("1");
        assertThat(sandbox.get("state").asString()).isIn("started", "error");
        assertThat(sandbox.get("toolboxProxyUrl").asString()).isEqualTo("http://127.0.0.1:" + port + "/daytona/toolbox");
        assertThat(sandbox.get("user").asString()).isEqualTo("user");
        assertThat(sandbox.get("target").asString()).isEqualTo("local");
        assertThat(sandbox.get("public").asBoolean()).isFalse();
        assertThat(sandbox.get("gpu").asInt()).isZero();
        assertThat(sandbox.get("memory").asDouble()).isPositive();
        assertThat(sandbox.get("autoStopInterval").asInt()).isEqualTo(30);
        assertThat(sandbox.get("autoArchiveInterval").asInt()).isEqualTo(7 * 24 * 60);
        assertThat(sandbox.get("autoDeleteInterval").asInt()).isEqualTo(-1);
        assertThat(sandbox.get("organizationId").asString()).matches("\\d+");
        assertThat(sandbox.get("createdAt").asString()).endsWith("Z");
        assertThat(sandbox.has("memory_mb")).as("camelCase, not the native snake_case").isFalse();

        String id = sandbox.get("id").asString();
        assertThat(owner.get("/daytona/api/sandbox/" + id + "/toolbox-proxy-url").json().get("url").asString())
                .isEqualTo("http://127.0.0.1:" + port + "/daytona/toolbox");
        JsonNode relabelled = owner.put("/daytona/api/sandbox/" + id + "/labels", "{\"labels\":{\"stage\":\"two\"}}").json();
        assertThat(relabelled.get("labels").get("stage").asString()).isEqualTo("two");
        assertThat(relabelled.get("labels").has("team")).isFalse();
        assertThat(relabelled.get("labels").get("code-toolbox-language").asString()).isEqualTo("javascript");
        assertThat(owner.postJson("/daytona/api/sandbox/" + id + "/autostop/0", Map.of()).json().get("autoStopInterval").asInt()).isZero();
        assertThat(owner.postJson("/daytona/api/sandbox/" + id + "/autodelete/0", Map.of()).json().get("autoDeleteInterval").asInt())
                .isZero();

        JsonNode deleted = owner.delete("/daytona/api/sandbox/" + id).json();
        assertThat(deleted.get("state").asString()).isEqualTo("destroyed");
        daytonaError(owner.get("/daytona/api/sandbox/" + id), 404, id);
    }

    @Test
    void listsFilterByLabelsAndStatesAndPageWithACursor() {
        ApiClient owner = api.withToken(key(newUser(unique("sbx-dt-list")), "sandboxes"));
        String team = unique("team");
        // The free tier keeps three sandboxes, one started at once: two with the label, one without, each stopped after.
        for (Map<String, String> labelled : List.of(Map.of("team", team), Map.of("team", team), Map.of("team", "other"))) {
            String made = sandboxOf(owner, unique("listed"), labelled).get("id").asString();
            assertThat(owner.postJson("/daytona/api/sandbox/" + made + "/stop", Map.of()).status()).isEqualTo(200);
        }
        String labels = java.net.URLEncoder.encode("{\"team\":\"" + team + "\"}", java.nio.charset.StandardCharsets.UTF_8);
        JsonNode first = owner.get("/daytona/api/sandbox?limit=1&labels=" + labels).json();
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("toolboxProxyUrl").asString()).endsWith("/daytona/toolbox");
        String cursor = first.get("nextCursor").asString();
        JsonNode second = owner.get("/daytona/api/sandbox?limit=1&labels=" + labels + "&cursor=" + cursor).json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("id").asString()).isNotEqualTo(first.get("items").get(0).get("id").asString());
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(owner.get("/daytona/api/sandbox?labels=" + labels + "&states=archived&states=started").json().get("items")).isEmpty();
        assertThat(owner.get("/daytona/api/sandbox?labels=" + labels + "&states=stopped").json().get("items")).hasSize(2);

        daytonaError(owner.get("/daytona/api/sandbox?labels=nonsense"), 400, "labels");
        daytonaError(owner.get("/daytona/api/sandbox?states=paused"), 400, "states");
        daytonaError(owner.get("/daytona/api/sandbox?minCpu=2"), 400, "minCpu");
    }

    @Test
    void whatCodeRunnerDoesNotDoIsRefusedNamingIt() {
        ApiClient owner = api.withToken(key(newUser(unique("sbx-dt-refused")), "sandboxes"));
        daytonaError(owner.postJson("/daytona/api/sandbox", Map.of("gpu", 1)), 400, "gpu");
        daytonaError(owner.postJson("/daytona/api/sandbox", Map.of("buildInfo", Map.of("dockerfileContent", "FROM python"))), 400,
                "buildInfo");
        daytonaError(owner.postJson("/daytona/api/sandbox", Map.of("secrets", List.of(Map.of("A", "s")), "public", true,
                "networkAllowList", "10.0.0.0/8")), 400, "secrets", "public", "networkAllowList");
        daytonaError(owner.postJson("/daytona/api/sandbox", Map.of("autoPauseInterval", 5)), 400, "autoPauseInterval");
        daytonaError(owner.postJson("/daytona/api/sandbox", Map.of("labels", Map.of("code-toolbox-language", "cobol"))), 400, "cobol");
        daytonaError(owner.post("/daytona/api/sandbox", "{not json"), 400, "malformed");
        daytonaError(owner.postJson("/daytona/api/snapshots", Map.of("name", "s")), 400, "imageName");
        daytonaError(owner.postJson("/daytona/api/snapshots", Map.of("name", "s", "imageName", "alpine:3")), 400, "alpine:3");
        daytonaError(owner.postJson("/daytona/api/snapshots", Map.of("name", "s", "buildInfo",
                Map.of("dockerfileContent", "FROM python:3.12\nCOPY . /app"))), 400, "COPY");
        assertThat(owner.get("/daytona/api/snapshots").json().get("totalPages").asInt()).isZero();
        assertThat(owner.get("/daytona/api/volumes").body()).isEqualTo("[]");
        daytonaError(owner.get("/daytona/api/volumes/by-name/v1"), 404, "v1");

        String name = unique("refusing");
        String id = sandboxOf(owner, name, Map.of()).get("id").asString();
        daytonaError(owner.postJson("/daytona/api/sandbox/" + id + "/fork", Map.of()), 400, "fork");
        daytonaError(owner.postJson("/daytona/api/sandbox/" + id + "/resize", Map.of("cpu", 2)), 400, "resiz");
        daytonaError(owner.postJson("/daytona/api/sandbox/" + id + "/ssh-access", Map.of()), 400, "SSH");
        daytonaError(owner.postJson("/daytona/api/sandbox/" + id + "/autopause/5", Map.of()), 400, "auto-pause");
        ApiClient.Response git = owner.get("/daytona/toolbox/" + id + "/git/status?path=/home/user");
        daytonaError(git, 400, "git");
        assertThat(git.json().get("source").asString()).isEqualTo("DAYTONA_DAEMON");
        daytonaError(owner.postJson("/daytona/toolbox/" + id + "/computeruse/start", Map.of()), 400, "computer use");
        owner.delete("/daytona/api/sandbox/" + id);
    }

    @Test
    void anotherUsersSandboxIsNotFoundInDaytonasShape() {
        ApiClient owner = api.withToken(key(newUser(unique("sbx-dt-owner")), "sandboxes"));
        ApiClient stranger = api.withToken(key(newUser(unique("sbx-dt-stranger")), "sandboxes"));
        String name = unique("private");
        String id = sandboxOf(owner, name, Map.of()).get("id").asString();
        for (String path : List.of("/daytona/api/sandbox/" + id, "/daytona/api/sandbox/" + name,
                "/daytona/api/sandbox/" + id + "/toolbox-proxy-url")) {
            ApiClient.Response response = stranger.get(path);
            daytonaError(response, 404, "not found");
            assertThat(response.json().has("source")).isFalse();
        }
        daytonaError(stranger.delete("/daytona/api/sandbox/" + id), 404, "not found");
        daytonaError(stranger.postJson("/daytona/api/sandbox/" + id + "/stop", Map.of()), 404, "not found");
        daytonaError(stranger.postJson("/daytona/api/sandbox/" + id + "/fork", Map.of()), 404, "not found");
        ApiClient.Response execute = stranger.postJson("/daytona/toolbox/" + id + "/process/execute", Map.of("command", "id"));
        daytonaError(execute, 404, "not found");
        assertThat(execute.json().get("source").asString()).isEqualTo("DAYTONA_DAEMON");
        assertThat(execute.json().get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(stranger.get("/daytona/api/sandbox").json().get("items")).isEmpty();
        assertThat(owner.get("/daytona/api/sandbox/" + id).status()).isEqualTo(200);
        owner.delete("/daytona/api/sandbox/" + id);
    }

    @Test
    void aKeyNeedsTheSandboxesScopeAndACallerACredential() throws Exception {
        ApiClient user = newUser(unique("sbx-dt-scope"));
        String narrowKey = key(user, "execute");
        ApiClient narrow = api.withToken(narrowKey);
        for (String path : List.of("/daytona/api/sandbox", "/daytona/api/sandbox/x", "/daytona/toolbox/x/work-dir")) {
            daytonaError(narrow.get(path), 403, "sandboxes");
        }
        daytonaError(narrow.postJson("/daytona/toolbox/x/process/execute", Map.of("command", "id")), 403, "sandboxes");
        ApiClient.Response anonymous = api.get("/daytona/api/sandbox");
        daytonaError(anonymous, 401, "authentication required");
        assertThat(api.withToken(key(user, "sandboxes")).get("/daytona/api/sandbox").status()).isEqualTo(200);
        assertThat(user.get("/daytona/api/sandbox").status()).as("a signed-in user's access token works too").isEqualTo(200);

        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + narrowKey)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/daytona/toolbox/x/process/pty/create-connect?id=p"),
                        new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void theEventChannelShakesHandsAndPushesTheOwnersSandboxChanges() throws Exception {
        ApiClient user = newUser(unique("sbx-dt-events"));
        String key = key(user, "sandboxes");
        EventChannelClient channel = new EventChannelClient(port);
        String open = channel.next();
        assertThat(open).startsWith("0");
        JsonNode handshake = JSON.readTree(open.substring(1));
        assertThat(handshake.get("sid").asString()).isNotBlank();
        assertThat(handshake.get("upgrades")).isEmpty();
        assertThat(handshake.get("pingInterval").asInt()).isEqualTo(25000);
        assertThat(handshake.get("pingTimeout").asInt()).isEqualTo(20000);
        channel.send("40" + JSON.writeValueAsString(Map.of("token", key)));
        // The server's pings ("2") may come at any moment once the channel is open: the frames awaited skip them.
        String connected = channel.next("40");
        assertThat(connected).startsWith("40");
        assertThat(JSON.readTree(connected.substring(2)).get("sid").asString()).isNotBlank();
        channel.send("2");
        assertThat(channel.next("3")).isEqualTo("3");

        EventChannelClient stranger = new EventChannelClient(port);
        stranger.next();
        stranger.send("40" + JSON.writeValueAsString(Map.of("token", key(newUser(unique("sbx-dt-evother")), "sandboxes"))));
        assertThat(stranger.next("40")).startsWith("40");

        String name = unique("evented");
        String id = sandboxOf(api.withToken(key), name, Map.of()).get("id").asString();
        JsonNode created = JSON.readTree(channel.next("42[\"sandbox.created\"").substring(2));
        assertThat(created.get(1).get("id").asString()).isEqualTo(id);
        assertThat(created.get(1).get("labels").get("code-toolbox-language").asString()).isEqualTo("python");
        JsonNode updated = JSON.readTree(channel.next("42[\"sandbox.state.updated\"").substring(2));
        assertThat(updated.get(1).get("sandbox").get("id").asString()).isEqualTo(id);
        assertThat(updated.get(1).get("oldState").asString()).isEqualTo("creating");
        assertThat(updated.get(1).get("newState").asString()).isEqualTo("starting");
        assertThat(updated.get(1).get("sandbox").get("toolboxProxyUrl").asString()).endsWith("/daytona/toolbox");

        api.withToken(key).delete("/daytona/api/sandbox/" + id);
        String destroyed;
        do {
            destroyed = channel.next("42[\"sandbox.state.updated\"");
        } while (!destroyed.contains("\"newState\":\"destroyed\""));
        assertThat(stranger.frames.stream().filter(f -> f.startsWith("42"))).as("no other owner's sandboxes").isEmpty();

        channel.send("41");
        assertThat(channel.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        stranger.socket.sendClose(1000, "done").join();
    }

    @Test
    void theEventChannelRefusesABadKeyAndAKeyWithoutTheScope() throws Exception {
        ApiClient user = newUser(unique("sbx-dt-evrefuse"));
        for (String token : List.of("sk-not-a-key-of-anyone", key(user, "execute"))) {
            EventChannelClient channel = new EventChannelClient(port);
            channel.next();
            channel.send("40" + JSON.writeValueAsString(Map.of("token", token)));
            String refused = channel.next();
            assertThat(refused).startsWith("44");
            assertThat(JSON.readTree(refused.substring(2)).get("message").asString()).isNotBlank();
            assertThat(channel.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        }
    }
}
