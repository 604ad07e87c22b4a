package io.coderunner.server.sandboxes;

import static io.coderunner.server.sandboxes.SandboxTesting.create;
import static io.coderunner.server.sandboxes.SandboxTesting.exec;
import static io.coderunner.server.sandboxes.SandboxTesting.hostProcesses;
import static io.coderunner.server.sandboxes.SandboxTesting.post;
import static io.coderunner.server.sandboxes.SandboxTesting.processesOfUid;
import static io.coderunner.server.sandboxes.SandboxTesting.stdout;
import static io.coderunner.server.sandboxes.SandboxTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.system.CodeRunnerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Long-lived sandboxes end to end: the native API over real HTTP, the real sandbox, the real disk. */
class SandboxLifecycleTests extends ServerTest {

    @Autowired
    CodeRunnerSettings settings;
    @Autowired
    JdbcClient jdbc;

    private int hostUid(String id) {
        return jdbc.sql("SELECT host_uid FROM sandboxes WHERE id = ?").param(id).query(Integer.class).single();
    }

    private Path dirOf(String id) {
        return settings.dataDir().toAbsolutePath().resolve("sandboxes").resolve(id);
    }

    @Test
    void filesSurviveStopStartAndArchiveAndNothingRunsWhileStopped() {
        ApiClient owner = newUser(uniqueName("sbx-life"));
        JsonNode sandbox = create(owner, Map.of("name", "keeper", "labels", Map.of("team", "a")));
        String id = sandbox.get("id").asString();
        assertThat(sandbox.get("state").asString()).isEqualTo("started");
        assertThat(sandbox.get("language").asString()).isEqualTo("python");
        assertThat(sandbox.get("auto_stop_minutes").asInt()).isEqualTo(15);

        JsonNode mixed = exec(owner, id, "echo out; echo err >&2; exit 3");
        assertThat(mixed.get("exit_code").asInt()).isEqualTo(3);
        assertThat(mixed.get("stdout").asString()).isEqualTo("out\n");
        assertThat(mixed.get("stderr").asString()).isEqualTo("err\n");
        assertThat(stdout(owner, id, "pwd; echo $HOME; id -u")).isEqualTo("/home/user\n/home/user\n1000\n");

        String sleeper = "sleep 4" + (System.nanoTime() % 100_000) + ".5";
        stdout(owner, id, "echo kept > notes.txt && mkdir -p lib && echo 'VALUE = 42' > lib/mod.py && (" + sleeper + " >/dev/null 2>&1 &)");
        await().atMost(Duration.ofSeconds(5)).until(() -> hostProcesses(sleeper) == 1);
        int uid = hostUid(id);
        assertThat(processesOfUid(uid)).isPositive();

        JsonNode stopped = post(owner, "/sandboxes/" + id + "/stop");
        assertThat(stopped.get("state").asString()).isEqualTo("stopped");
        assertThat(hostProcesses(sleeper)).as("nothing of a stopped sandbox runs").isZero();
        assertThat(processesOfUid(uid)).as("no process of the sandbox's uid is left").isZero();
        ApiClient.Response refused = owner.postJson("/sandboxes/" + id + "/process/execute", Map.of("command", "true"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("sandbox_state");
        assertThat(refused.json().get("state").asString()).isEqualTo("stopped");
        assertThat(owner.postJson("/sandboxes/" + id + "/stop", Map.of()).status()).isEqualTo(409);

        assertThat(post(owner, "/sandboxes/" + id + "/start").get("state").asString()).isEqualTo("started");
        assertThat(stdout(owner, id, "cat notes.txt; cd lib && python3 -c 'import mod; print(mod.VALUE)'")).isEqualTo("kept\n42\n");

        post(owner, "/sandboxes/" + id + "/stop");
        JsonNode archived = post(owner, "/sandboxes/" + id + "/archive");
        assertThat(archived.get("state").asString()).isEqualTo("archived");
        assertThat(Files.exists(dirOf(id).resolve("home.tar.gz"))).isTrue();
        assertThat(Files.exists(dirOf(id).resolve("disk.img"))).as("an archived sandbox keeps only its archive").isFalse();
        assertThat(post(owner, "/sandboxes/" + id + "/start").get("state").asString()).isEqualTo("started");
        assertThat(stdout(owner, id, "cat notes.txt lib/mod.py; touch new && ls -n new | awk '{print $3}'"))
                .isEqualTo("kept\nVALUE = 42\n1000\n");

        List<String> states = owner.get("/sandboxes/" + id + "/transitions").json().valueStream()
                .map(t -> t.get("to").asString()).toList();
        assertThat(states).containsExactly("creating", "starting", "started", "stopping", "stopped", "starting", "started",
                "stopping", "stopped", "archiving", "archived", "starting", "started");

        assertThat(owner.get("/sandboxes?label=team=a").json().get("items").size()).isEqualTo(1);
        assertThat(owner.get("/sandboxes?label=team=b").json().get("items").size()).isZero();
        assertThat(owner.get("/sandboxes?state=stopped").json().get("items").size()).isZero();
        assertThat(owner.get("/sandboxes/keeper").json().get("id").asString()).isEqualTo(id);

        assertThat(owner.delete("/sandboxes/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/sandboxes/" + id).status()).isEqualTo(404);
        assertThat(Files.exists(dirOf(id))).isFalse();
        assertThat(processesOfUid(uid)).isZero();
    }

    @Test
    void twoSandboxesNeverSeeEachOthersFilesOrProcesses() {
        ApiClient admin = admin();
        String name = uniqueName("sbx-apart");
        ApiClient owner = newUser(name);
        long userId = owner.get("/users/me").json().get("id").asLong();
        assertThat(admin.putJson("/admin/users/" + userId, Map.of("user_level", 2)).status()).isEqualTo(200);
        String first = create(owner, Map.of()).get("id").asString();
        String second = create(owner, Map.of()).get("id").asString();
        String sleeper = "sleep 5" + (System.nanoTime() % 100_000) + ".5";
        stdout(owner, first, "echo secret > mine.txt; (" + sleeper + " >/dev/null 2>&1 &)");
        await().atMost(Duration.ofSeconds(5)).until(() -> hostProcesses(sleeper) == 1);

        assertThat(stdout(owner, second, "ls -A /home/user; ls /proc | grep -c '^[0-9]' ; ps -eo args"))
                .doesNotContain("mine.txt").doesNotContain(sleeper);
        assertThat(stdout(owner, second, "find / -xdev -name mine.txt 2>/dev/null | head -1")).isEmpty();
        assertThat(hostUid(first)).isNotEqualTo(hostUid(second));

        ApiClient other = newUser(uniqueName("sbx-other"));
        assertThat(other.get("/sandboxes/" + first).status()).isEqualTo(404);
        assertThat(other.postJson("/sandboxes/" + first + "/process/execute", Map.of("command", "id")).status()).isEqualTo(404);
        assertThat(other.delete("/sandboxes/" + first).status()).isEqualTo(404);
        owner.delete("/sandboxes/" + first);
        owner.delete("/sandboxes/" + second);
        assertThat(hostProcesses(sleeper)).isZero();
    }

    @Test
    void theTierRefusesTheNextStartedSandboxAndWhatIsTooLarge() {
        ApiClient owner = newUser(uniqueName("sbx-tier"));
        String first = create(owner, Map.of()).get("id").asString();
        ApiClient.Response second = owner.postJson("/sandboxes", Map.of());
        assertThat(second.status()).as(second.body()).isEqualTo(403);
        assertThat(second.json().get("code").asString()).isEqualTo("sandbox_limit");
        assertThat(second.json().get("limit").asString()).isEqualTo("sandboxes_started");
        assertThat(second.detail()).contains("1 started sandboxes at once");

        ApiClient.Response big = owner.postJson("/sandboxes", Map.of("memory_mb", 100_000));
        assertThat(big.status()).isEqualTo(403);
        assertThat(big.json().get("limit").asString()).isEqualTo("memory_mb");
        ApiClient.Response network = owner.postJson("/sandboxes", Map.of("network", true));
        assertThat(network.status()).isEqualTo(403);
        assertThat(network.json().get("limit").asString()).isEqualTo("network");
        assertThat(owner.postJson("/sandboxes", Map.of("language", "cobol")).status()).isEqualTo(400);
        assertThat(owner.postJson("/sandboxes", Map.of("name", "../x")).status()).isEqualTo(400);
        assertThat(owner.postJson("/sandboxes", Map.of("env", Map.of("A B", "1"))).status()).isEqualTo(400);

        post(owner, "/sandboxes/" + first + "/stop");
        String next = create(owner, Map.of()).get("id").asString();
        ApiClient.Response restart = owner.postJson("/sandboxes/" + first + "/start", Map.of());
        assertThat(restart.status()).isEqualTo(403);
        assertThat(restart.json().get("limit").asString()).isEqualTo("sandboxes_started");
        owner.delete("/sandboxes/" + first);
        owner.delete("/sandboxes/" + next);
    }

    @Test
    void theDiskLimitIsEnforced() {
        ApiClient owner = newUser(uniqueName("sbx-disk"));
        String id = create(owner, Map.of("disk_mb", 32)).get("id").asString();
        JsonNode filled = exec(owner, id, "head -c 64M /dev/zero > big; echo status=$?; df -m /home/user | tail -1");
        assertThat(filled.get("stdout").asString()).contains("status=1");
        assertThat(filled.get("stderr").asString()).contains("No space left on device");
        assertThat(stdout(owner, id, "rm big && echo small > f && cat f")).isEqualTo("small\n");
        owner.delete("/sandboxes/" + id);
    }
}
