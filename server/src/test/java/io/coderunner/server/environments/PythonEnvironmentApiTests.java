package io.coderunner.server.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Python environments end to end: a virtual environment, the real pip in the sandbox installing
 * from a package index on loopback, and runs that import what was installed.
 */
class PythonEnvironmentApiTests extends ServerTest {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static LocalPackageIndex index;

    @org.springframework.beans.factory.annotation.Autowired
    io.coderunner.server.system.CodeRunnerSettings installation;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        index = new LocalPackageIndex()
                .add("crgreet", "1.0", 0, 0)
                .add("crgreet", "2.0", 0, 0)
                .add("crother", "1.0", 0, 0)
                // Four files of 1 MiB (a download of a few KB): each within the file-size limit, together past the 3 MB.
                .add("crbulky", "1.0", 4, 1024 * 1024);
        registry.add("coderunner.environments.pip-index-url", index::url);
        registry.add("coderunner.environments.disk-mb", () -> "3");
        registry.add("coderunner.environments.install-timeout-seconds", () -> "120");
    }

    @AfterAll
    static void stopIndex() {
        index.close();
    }

    @Test
    void installRunUpgradeAndUninstall() {
        ApiClient user = newUser("pyowner");
        JsonNode created = user.postJson("/user-environments", Map.of("name", "sci", "description", "numbers",
                "language", "python")).json();
        assertThat(created.get("name").asString()).isEqualTo("sci");
        assertThat(created.get("language").asString()).isEqualTo("python");
        assertThat(created.get("base").asString()).startsWith("python-3.");
        assertThat(created.get("is_public").asBoolean()).isFalse();
        long id = created.get("id").asLong();

        ApiClient.Response installed = user.postJson("/environments/sci/packages/install", Map.of("packages", List.of("crgreet==1.0")));
        assertThat(installed.status()).as(installed.body()).isEqualTo(200);
        assertThat(installed.json().get("success").asBoolean()).isTrue();
        assertThat(installed.json().get("output").asString()).contains("Successfully installed crgreet-1.0");

        assertThat(packages(user, "sci")).containsEntry("crgreet", "1.0");
        assertThat(run(user, Map.of("language", "python", "environment", "sci",
                "code", "import crgreet, sys\nprint(crgreet.__version__, sys.prefix)\n")))
                .isEqualTo("1.0 /opt/environment\n");
        // POST /execute (seed 000) takes the environment by id, and its language when none is given.
        JsonNode byId = user.postJson("/execute", Map.of("environment", id, "code", "import crgreet\nprint(crgreet.__version__)\n")).json();
        assertThat(byId.get("stdout").asString()).as(byId.toString()).isEqualTo("1.0\n");

        ApiClient.Response upgraded = user.putJson("/environments/sci/packages/crgreet/upgrade", Map.of());
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        assertThat(run(user, Map.of("environment", "sci", "code", "import crgreet\nprint(crgreet.__version__)\n"))).isEqualTo("2.0\n");

        JsonNode info = user.get("/environments/sci/info").json();
        assertThat(info.get("package_count").asInt()).isEqualTo(1);
        assertThat(info.get("size_bytes").asLong()).isPositive();
        assertThat(info.get("base").asString()).isEqualTo(created.get("base").asString());
        assertThat(info.get("last_used_at").isNull()).isFalse();

        ApiClient.Response removed = user.delete("/environments/sci/packages/crgreet");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(packages(user, "sci")).doesNotContainKey("crgreet");
        JsonNode after = user.postJson("/api/execute", Map.of("language", "python", "environment", "sci",
                "code", "import crgreet\n")).json();
        assertThat(after.get("stderr").asString()).contains("ModuleNotFoundError: No module named 'crgreet'");
    }

    @Test
    void installOutputStreamsAsServerSentEvents() {
        ApiClient user = newUser("pystreamer");
        user.postJson("/user-environments", Map.of("name", "streamed"));
        ApiClient.Response response = user.send(user.request("/environments/streamed/packages/install")
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"packages\": [\"crgreet==2.0\"]}")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        assertThat(response.body()).contains("event:output").contains("Successfully installed crgreet-2.0");
        String result = response.body().substring(response.body().indexOf("event:result"));
        assertThat(result).contains("\"success\":true");
        assertThat(packages(user, "streamed")).containsEntry("crgreet", "2.0");
    }

    @Test
    void requirementsThatSmuggleOptionsPathsOrUrlsAreRefused() {
        ApiClient user = newUser("pysmuggler");
        user.postJson("/user-environments", Map.of("name", "guarded"));
        for (String requirement : List.of("--index-url=http://127.0.0.1:1/simple", "-e .", "-r /etc/passwd", "/tmp/x.whl",
                "./crgreet", "https://example.com/crgreet-1.0-py3-none-any.whl", "git+https://example.com/crgreet.git",
                "crgreet @ https://example.com/x.whl", "crgreet; os_name == 'posix'", "crgreet==1.0 --pre", "")) {
            ApiClient.Response response = user.postJson("/environments/guarded/packages/install",
                    Map.of("packages", List.of(requirement)));
            assertThat(response.status()).as(requirement).isEqualTo(400);
            assertThat(response.detail()).as(requirement).contains("is not accepted").contains("refused");
        }
        assertThat(user.delete("/environments/guarded/packages/--yes").status()).isEqualTo(400);
        assertThat(packages(user, "guarded")).isEmpty();
    }

    @Test
    void anInstallPastTheDiskLimitFailsAndLeavesTheEnvironmentAsItWas() {
        ApiClient user = newUser("pyhoarder");
        user.postJson("/user-environments", Map.of("name", "small"));
        assertThat(user.postJson("/environments/small/packages/install", Map.of("packages", List.of("crgreet==1.0"))).status())
                .isEqualTo(200);

        ApiClient.Response response = user.postJson("/environments/small/packages/install", Map.of("packages", List.of("crbulky")));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.json().get("status").asString()).as(response.body()).isEqualTo("DISK_LIMIT");
        assertThat(response.json().get("cause").asString()).isEqualTo("disk_limit");
        assertThat(response.json().get("message").asString()).contains("disk limit of 3 MB").contains("unchanged");
        assertThat(packages(user, "small")).containsOnlyKeys("crgreet");
        assertThat(run(user, Map.of("environment", "small", "code",
                "import crgreet, importlib.util\nprint(crgreet.__version__, importlib.util.find_spec('crbulky'))\n")))
                .isEqualTo("1.0 None\n");
    }

    @Test
    void aFailedInstallReportsThePackageManagersReason() {
        ApiClient user = newUser("pyunlucky");
        user.postJson("/user-environments", Map.of("name", "plain"));

        ApiClient.Response response = user.postJson("/environments/plain/packages/install", Map.of("packages", List.of("crgreet==9.9")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("message").asString()).contains("No matching distribution found for crgreet==9.9");
        assertThat(response.json().get("cause").asString()).as(response.body()).isEqualTo("package_not_found");
        assertThat(packages(user, "plain")).isEmpty();
    }

    @Test
    void aFreeUserHasOneEnvironment() {
        ApiClient user = newUser("pyfree");
        assertThat(user.postJson("/user-environments", Map.of("name", "first")).status()).isEqualTo(200);

        ApiClient.Response second = user.postJson("/user-environments", Map.of("name", "second"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.detail()).contains("Free tier allows at most 1 environment");
        assertThat(user.get("/user-environments").json().size()).isEqualTo(1);
    }

    @Test
    void anotherUsersPrivateEnvironmentIsNotTheirsToUseOrChange() {
        ApiClient owner = newUser("pyprivate");
        long id = owner.postJson("/user-environments", Map.of("name", "mine")).json().get("id").asLong();
        owner.postJson("/environments/mine/packages/install", Map.of("packages", List.of("crgreet==1.0")));
        ApiClient other = newUser("pyother");

        assertThat(other.get("/environments/mine/packages").status()).isEqualTo(404);
        assertThat(other.get("/environments/mine/info").status()).isEqualTo(404);
        assertThat(other.get("/user-environments/" + id).status()).isEqualTo(404);
        assertThat(other.postJson("/environments/mine/packages/install", Map.of("packages", List.of("crgreet"))).status()).isEqualTo(404);
        assertThat(other.delete("/user-environments/" + id).status()).isEqualTo(404);
        ApiClient.Response run = other.postJson("/api/execute", Map.of("language", "python", "environment", Long.toString(id),
                "code", "print(1)\n"));
        assertThat(run.status()).isEqualTo(404);
        assertThat(run.detail()).contains("not found");

        owner.putJson("/user-environments/" + id, Map.of("is_public", true));
        assertThat(run(other, Map.of("environment", Long.toString(id), "code", "import crgreet\nprint(crgreet.__version__)\n")))
                .isEqualTo("1.0\n");
        assertThat(packages(other, "mine")).containsEntry("crgreet", "1.0");
        assertThat(other.postJson("/environments/mine/packages/install", Map.of("packages", List.of("crgreet"))).status()).isEqualTo(403);
        assertThat(other.get("/environments/available").json().get("public_environments").toString()).contains("\"mine\"");
    }

    @Test
    void anInstallCopiesAnEnvironmentWithPlantedLinksAndAFifoWithoutFollowingOrBlocking() throws Exception {
        ApiClient user = newUser("pyplanter");
        long id = user.postJson("/user-environments", Map.of("name", "planted")).json().get("id").asLong();
        java.nio.file.Path environment = installation.dataDir().toAbsolutePath().resolve("environments").resolve(Long.toString(id));
        java.nio.file.Path current;
        try (java.util.stream.Stream<java.nio.file.Path> generations = java.nio.file.Files.list(environment)) {
            current = generations.filter(p -> p.getFileName().toString().matches("g\\d+")).findFirst().orElseThrow();
        }
        java.nio.file.Path outside = java.nio.file.Files.createTempDirectory("environment-outside");
        java.nio.file.Files.writeString(outside.resolve("canary"), "do not touch");
        // What an install script could leave: links out of the tree, a FIFO.
        java.nio.file.Files.createSymbolicLink(current.resolve("escape"), outside);
        java.nio.file.Files.createSymbolicLink(current.resolve("lib").resolve("host-etc"), java.nio.file.Path.of("/etc"));
        assertThat(new ProcessBuilder("mkfifo", current.resolve("pipe").toString()).start().waitFor()).isZero();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
            ApiClient.Response installed = user.postJson("/environments/planted/packages/install", Map.of("packages", List.of("crgreet==1.0")));
            assertThat(installed.status()).as(installed.body()).isEqualTo(200);
            assertThat(installed.json().get("success").asBoolean()).as(installed.body()).isTrue();
        });
        java.nio.file.Path next;
        try (java.util.stream.Stream<java.nio.file.Path> generations = java.nio.file.Files.list(environment)) {
            next = generations.filter(p -> p.getFileName().toString().matches("g\\d+")).findFirst().orElseThrow();
        }
        assertThat(next).isNotEqualTo(current);
        assertThat(java.nio.file.Files.readSymbolicLink(next.resolve("escape"))).isEqualTo(outside);
        assertThat(java.nio.file.Files.isSymbolicLink(next.resolve("lib").resolve("host-etc"))).isTrue();
        assertThat(next.resolve("pipe")).doesNotExist();
        try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.list(outside)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("canary");
        }
        assertThat(java.nio.file.Files.readString(outside.resolve("canary"))).isEqualTo("do not touch");
        assertThat(packages(user, "planted")).containsEntry("crgreet", "1.0");

        // A file nothing may remove (immutable): deleting fails, says why, and the environment stays.
        java.nio.file.Path stuck = next.resolve("stuck");
        java.nio.file.Files.writeString(stuck, "x");
        assertThat(new ProcessBuilder("chattr", "+i", stuck.toString()).start().waitFor()).isZero();
        try {
            ApiClient.Response refused = user.delete("/user-environments/" + id);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.detail()).contains("could not all be deleted");
            assertThat(user.get("/user-environments/" + id).status()).isEqualTo(200);
        } finally {
            assertThat(new ProcessBuilder("chattr", "-i", stuck.toString()).start().waitFor()).isZero();
        }
        assertThat(user.delete("/user-environments/" + id).status()).isEqualTo(200);
        assertThat(environment).doesNotExist();
        io.coderunner.engine.files.HostileTree.delete(outside);
    }

    @Test
    void anEnvironmentInUseIsNotDeleted() throws InterruptedException {
        ApiClient user = newUser("pybusy");
        long id = user.postJson("/user-environments", Map.of("name", "busy")).json().get("id").asLong();
        JsonNode started = user.postJson("/api/execute", Map.of("language", "python", "environment", "busy", "wait", false,
                "code", "import time\ntime.sleep(3)\nprint('done')\n")).json();
        String runId = started.get("id").asString();

        ApiClient.Response refused = user.delete("/user-environments/" + id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail()).contains("in use by 1 running program");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !user.get("/api/executions/" + runId).json().get("status").asString().equals("RUNNING"));
        assertThat(user.get("/api/executions/" + runId).json().get("stdout").asString()).isEqualTo("done\n");
        assertThat(user.delete("/user-environments/" + id).status()).isEqualTo(200);
        assertThat(user.get("/user-environments/" + id).status()).isEqualTo(404);
    }

    @Test
    void concurrentInstallsIntoOneEnvironmentTakeTurns() throws Exception {
        ApiClient user = newUser("pyparallel");
        user.postJson("/user-environments", Map.of("name", "shared"));

        // Each install copies the environment as it is when its turn comes: had they overlapped,
        // the later one would have started from the environment without the other's package.
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                user.postJson("/environments/shared/packages/install", Map.of("packages", List.of("crgreet==1.0"))));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                user.postJson("/environments/shared/packages/install", Map.of("packages", List.of("crother==1.0"))));

        assertThat(first.get().status()).as(first.get().body()).isEqualTo(200);
        assertThat(second.get().status()).as(second.get().body()).isEqualTo(200);
        assertThat(packages(user, "shared")).containsEntry("crgreet", "1.0").containsEntry("crother", "1.0");
    }

    @Test
    void programsWithAnApiKeyRunInTheirOwnersEnvironment() {
        ApiClient user = newUser("pyprogram");
        user.postJson("/user-environments", Map.of("name", "keyed"));
        user.postJson("/environments/keyed/packages/install", Map.of("packages", List.of("crgreet==2.0")));
        String key = user.postJson("/api-keys", Map.of("key_name", "runner", "scopes", List.of("execute"))).json()
                .get("api_key").asString();

        JsonNode run = api.withToken(key).postJson("/api/v1/execute", Map.of("environment", "keyed",
                "code", "import crgreet\nprint(crgreet.__version__)\n")).json();

        assertThat(run.get("output").asString()).as(run.toString()).isEqualTo("2.0\n");
    }

    @Test
    void administratorsSeeAndDeleteEveryonesEnvironments() {
        ApiClient user = newUser("pyadmined");
        long id = user.postJson("/user-environments", Map.of("name", "audited")).json().get("id").asLong();
        ApiClient admin = admin();

        assertThat(admin.get("/admin/user-environments?limit=500").body()).contains("\"audited\"");
        assertThat(user.get("/admin/user-environments").status()).isEqualTo(403);
        assertThat(admin.delete("/admin/user-environments/" + id).status()).isEqualTo(200);
        assertThat(user.get("/user-environments/" + id).status()).isEqualTo(404);
        assertThat(user.get("/user-environments").json().size()).isZero();
    }

    @Test
    void deletingAUserDeletesTheirEnvironmentsDirectories() {
        ApiClient user = newUser("pyleaving");
        JsonNode created = user.postJson("/user-environments", Map.of("name", "left")).json();
        java.nio.file.Path dir = installation.dataDir().toAbsolutePath().resolve("environments").resolve(created.get("id").asString());
        assertThat(dir).isDirectory();

        assertThat(admin().delete("/admin/users/" + created.get("user_id").asLong()).status()).isEqualTo(200);

        // The environments module removes them once the deletion is committed (on UserDeleted).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(dir).doesNotExist());
    }

    @Test
    void aStreamingRunOverTheWebSocketUsesTheEnvironment() throws Exception {
        ApiClient user = newUser("pysocket");
        user.postJson("/user-environments", Map.of("name", "live"));
        user.postJson("/environments/live/packages/install", Map.of("packages", List.of("crgreet==1.0")));
        String token = login("pysocket", "password-pysocket-1");
        java.util.concurrent.BlockingQueue<JsonNode> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/ws/execute"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(JSON.readTree(partial.toString()));
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        socket.sendText(JSON.writeValueAsString(Map.of("type", "auth", "token", token)), true).join();
        socket.sendText(JSON.writeValueAsString(Map.of("type", "start", "environment", "live",
                "code", "import crgreet\nprint(crgreet.__version__)\n")), true).join();

        JsonNode result = null;
        while (result == null) {
            JsonNode message = messages.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(message).as("a message before the result").isNotNull();
            assertThat(message.get("type").asString()).as(message.toString()).isNotEqualTo("error");
            if (message.get("type").asString().equals("result")) {
                result = message;
            }
        }
        socket.abort();
        assertThat(result.get("stdout").asString()).as(result.toString()).isEqualTo("1.0\n");
    }

    @Test
    void anonymousRunsHaveNoEnvironment() {
        ApiClient.Response response = api.postJson("/api/execute", Map.of("language", "python", "environment", "sci",
                "code", "print(1)\n"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("sign in");
    }

    private static String run(ApiClient user, Map<String, Object> request) {
        ApiClient.Response response = user.postJson("/api/execute", request);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).as(response.body()).isEqualTo("OK");
        return response.json().get("stdout").asString();
    }

    private static Map<String, String> packages(ApiClient user, String environment) {
        ApiClient.Response response = user.get("/environments/" + environment + "/packages");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, String> packages = new java.util.LinkedHashMap<>();
        response.json().forEach(p -> packages.put(p.get("name").asString(), p.get("version").asString()));
        return packages;
    }
}
