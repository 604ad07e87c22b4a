package io.coderunner.server.sandboxes;

import static io.coderunner.server.sandboxes.SandboxTesting.create;
import static io.coderunner.server.sandboxes.SandboxTesting.exec;
import static io.coderunner.server.sandboxes.SandboxTesting.post;
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
import tools.jackson.databind.JsonNode;

/** Snapshots and volumes end to end, on the real sandbox and real file systems. */
class SnapshotAndVolumeTests extends ServerTest {

    @Autowired
    CodeRunnerSettings settings;

    private ApiClient userOfLevel(String prefix, int level) {
        ApiClient owner = newUser(uniqueName(prefix));
        long id = owner.get("/users/me").json().get("id").asLong();
        assertThat(admin().putJson("/admin/users/" + id, Map.of("user_level", level)).status()).isEqualTo(200);
        return owner;
    }

    @Test
    void aSnapshotOfASandboxStartsNewOnesWithoutCopyingAndEachWritesItsOwnLayer() throws Exception {
        ApiClient owner = userOfLevel("sbx-snap", 2);
        String source = create(owner, Map.of()).get("id").asString();
        stdout(owner, source, "mkdir -p app && echo 'print(\"from the snapshot\")' > app/main.py && echo v1 > app/version"
                + " && chmod 600 app/version && head -c 3000000 /dev/urandom > app/blob");
        ApiClient.Response taken = owner.postJson("/sandboxes/" + source + "/snapshot", Map.of("name", "app-v1"));
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        JsonNode snapshot = taken.json();
        assertThat(snapshot.get("state").asString()).isEqualTo("active");
        assertThat(snapshot.get("size_bytes").asLong()).isGreaterThan(3_000_000);
        assertThat(snapshot.get("source_sandbox_id").asString()).isEqualTo(source);
        owner.delete("/sandboxes/" + source);

        String made = create(owner, Map.of("snapshot", "app-v1")).get("id").asString();
        assertThat(stdout(owner, made, "python3 app/main.py; cat app/version")).isEqualTo("from the snapshot\nv1\n");
        // Its files lie over the snapshot's: its disk holds only what it changed, not the 3 MB it sees.
        Path disk = settings.dataDir().toAbsolutePath().resolve("sandboxes").resolve(made).resolve("disk");
        assertThat(Files.exists(disk.resolve("upper").resolve("app").resolve("blob"))).isFalse();
        assertThat(stdout(owner, made, "echo v2 > app/version && rm app/blob && cat app/version && ls app")).isEqualTo("v2\nmain.py\nversion\n");
        String other = create(owner, Map.of("snapshot", snapshot.get("id").asString())).get("id").asString();
        assertThat(stdout(owner, other, "cat app/version; ls app")).as("another sandbox sees the snapshot as it was")
                .isEqualTo("v1\nblob\nmain.py\nversion\n");

        ApiClient.Response refused = owner.delete("/snapshots/app-v1");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail()).contains("2 sandbox(es)");
        assertThat(owner.get("/snapshots").json().valueStream().map(s -> s.get("name").asString()).toList()).contains("app-v1");

        // Files survive stop and start over a snapshot too, and an archived one keeps them whole.
        post(owner, "/sandboxes/" + made + "/stop");
        post(owner, "/sandboxes/" + made + "/archive");
        post(owner, "/sandboxes/" + made + "/start");
        assertThat(stdout(owner, made, "cat app/version; ls app")).isEqualTo("v2\nmain.py\nversion\n");
        owner.delete("/sandboxes/" + other);
        assertThat(owner.delete("/snapshots/app-v1").status()).as("an archived sandbox no longer lies over it").isEqualTo(204);
        assertThat(stdout(owner, made, "cat app/main.py")).contains("from the snapshot");
        owner.delete("/sandboxes/" + made);
    }

    @Test
    void aSnapshotBuiltFromABaseRunsItsCommandsOnceAndShowsItsLog() {
        ApiClient owner = userOfLevel("sbx-build", 2);
        ApiClient.Response started = owner.postJson("/snapshots", Map.of("name", "tools", "base", "python",
                "commands", List.of("mkdir -p pkg && echo 'ANSWER = 42' > pkg/__init__.py", "echo built-$((40+2))")));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("state").asString()).isEqualTo("building");
        ApiClient.Response followed = owner.get("/snapshots/tools/build-log?follow=true");
        assertThat(followed.body()).contains("$ echo built-$((40+2))").contains("built-42").endsWith("built\n");
        JsonNode built = owner.get("/snapshots/tools").json();
        assertThat(built.get("state").asString()).isEqualTo("active");
        String id = create(owner, Map.of("snapshot", "tools")).get("id").asString();
        assertThat(stdout(owner, id, "python3 -c 'import pkg; print(pkg.ANSWER)'")).isEqualTo("42\n");
        owner.delete("/sandboxes/" + id);

        owner.postJson("/snapshots", Map.of("name", "broken", "commands", List.of("echo first", "exit 3", "echo never")));
        await().atMost(Duration.ofSeconds(30)).until(() -> !owner.get("/snapshots/broken").json().get("state").asString().equals("building"));
        JsonNode broken = owner.get("/snapshots/broken").json();
        assertThat(broken.get("state").asString()).isEqualTo("build_failed");
        assertThat(broken.get("error_reason").asString()).isEqualTo("command 2 exited with 3");
        assertThat(owner.get("/snapshots/broken/build-log").body()).contains("first").doesNotContain("never");
        ApiClient.Response unusable = owner.postJson("/sandboxes", Map.of("snapshot", "broken"));
        assertThat(unusable.status()).isEqualTo(409);
        assertThat(owner.postJson("/snapshots/tools/deactivate", Map.of()).json().get("state").asString()).isEqualTo("inactive");
        assertThat(owner.postJson("/sandboxes", Map.of("snapshot", "tools")).status()).isEqualTo(409);
        assertThat(newUser(uniqueName("sbx-build-other")).get("/snapshots/tools").status()).isEqualTo(404);
        assertThat(owner.delete("/snapshots/tools").status()).isEqualTo(204);
        assertThat(owner.delete("/snapshots/broken").status()).isEqualTo(204);
    }

    @Test
    void aVolumeIsSharedByAnOwnersSandboxesReadWriteOrReadOnlyWithinItsSize() {
        ApiClient owner = userOfLevel("sbx-vol", 2);
        ApiClient.Response made = owner.postJson("/volumes", Map.of("name", "shared", "size_mb", 32));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String volume = made.json().get("id").asString();
        String writer = create(owner, Map.of("volumes", List.of(Map.of("volume", "shared", "mount_path", "/data")))).get("id").asString();
        String reader = create(owner, Map.of("volumes", List.of(Map.of("volume", volume, "mount_path", "/mnt/in", "read_only", true))))
                .get("id").asString();
        stdout(owner, writer, "echo hello > /data/note && mkdir /data/dir && echo x > /data/dir/f");
        assertThat(stdout(owner, reader, "cat /mnt/in/note /mnt/in/dir/f")).isEqualTo("hello\nx\n");
        JsonNode readOnly = exec(owner, reader, "echo no > /mnt/in/other");
        assertThat(readOnly.get("exit_code").asInt()).isNotZero();
        assertThat(readOnly.get("stderr").asString()).contains("Read-only file system");

        JsonNode full = exec(owner, writer, "head -c 64M /dev/zero > /data/big");
        assertThat(full.get("stderr").asString()).contains("No space left on device");
        stdout(owner, writer, "rm /data/big");

        ApiClient.Response busy = owner.delete("/volumes/shared");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.detail()).contains("stop those sandboxes first");
        owner.delete("/sandboxes/" + reader);

        // A sandbox with a uid of its own writes what another one made in the volume.
        String third = create(owner, Map.of("volumes", List.of(Map.of("volume", "shared", "mount_path", "/data")))).get("id").asString();
        assertThat(stdout(owner, third, "echo more >> /data/note && rm -r /data/dir && cat /data/note")).isEqualTo("hello\nmore\n");
        assertThat(owner.get("/volumes/shared").json().get("used_bytes").asLong()).isEqualTo(11);
        assertThat(newUser(uniqueName("sbx-vol-other")).postJson("/sandboxes",
                Map.of("volumes", List.of(Map.of("volume", volume, "mount_path", "/data")))).status()).isEqualTo(404);
        assertThat(owner.postJson("/sandboxes", Map.of("volumes", List.of(Map.of("volume", "shared", "mount_path", "/etc")))).status())
                .isEqualTo(400);
        owner.delete("/sandboxes/" + writer);
        owner.delete("/sandboxes/" + third);
        assertThat(owner.delete("/volumes/shared").status()).isEqualTo(204);
        assertThat(owner.get("/volumes").json().size()).isZero();
    }
}
