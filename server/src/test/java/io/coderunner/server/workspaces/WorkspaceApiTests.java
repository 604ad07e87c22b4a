package io.coderunner.server.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.system.CodeRunnerSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Seed 003's workspaces: projects, notes and files, each user's own, with no way out of them. */
class WorkspaceApiTests extends ServerTest {

    @Autowired
    CodeRunnerSettings settings;

    /** Makes the project through the API; its folder on the host, where a program's files would be. */
    private Path newProject(ApiClient user, String name) {
        long id = user.get("/users/me").json().get("id").asLong();
        user.postJson("/workspace/projects", Map.of("name", name));
        return settings.dataDir().toAbsolutePath().resolve("workspaces").resolve(Long.toString(id)).resolve(name);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void projectsNotesAndFilesRoundTrip() {
        ApiClient user = newUser("worker");
        JsonNode project = user.postJson("/workspace/projects", Map.of("name", "My Analysis")).json();
        assertThat(project.get("name").asString()).isEqualTo("my-analysis");
        assertThat(user.postJson("/workspace/projects", Map.of("name", "my analysis")).status()).isEqualTo(409);
        assertThat(user.postJson("/workspace/projects", Map.of("name", "///")).status()).isEqualTo(400);

        long note = user.postJson("/workspace/projects/my-analysis/notes", Map.of("title", "idea", "content", "try it")).json()
                .get("id").asLong();
        assertThat(user.putJson("/workspace/projects/my-analysis/notes/" + note, Map.of("content", "tried")).json()
                .get("content").asString()).isEqualTo("tried");
        assertThat(user.get("/workspace/projects/my-analysis/notes").json().get("total").asLong()).isEqualTo(1);

        assertThat(user.postJson("/workspace/projects/my-analysis/data/folder", Map.of("path", "data/raw")).status()).isEqualTo(200);
        ApiClient.Response upload = user.postMultipart("/workspace/projects/my-analysis/data/upload?path=data/raw", "files",
                "numbers.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        assertThat(user.putJson("/workspace/projects/my-analysis/data/content", Map.of("path", "main.py", "content", "print(1)\n"))
                .status()).isEqualTo(200);

        JsonNode listing = user.get("/workspace/projects/my-analysis/data?path=" + q("data/raw")).json();
        assertThat(listing.get("entries").get(0).get("name").asString()).isEqualTo("numbers.csv");
        assertThat(listing.get("entries").get(0).get("type").asString()).isEqualTo("file");
        assertThat(user.get("/workspace/projects/my-analysis/data/content?path=" + q("data/raw/numbers.csv")).json()
                .get("content").asString()).isEqualTo("a,b\n1,2\n");
        ApiClient.Response download = user.get("/workspace/projects/my-analysis/data/download?path=main.py");
        assertThat(download.body()).isEqualTo("print(1)\n");
        assertThat(download.header("Content-Disposition")).contains("attachment").contains("main.py");

        assertThat(user.delete("/workspace/projects/my-analysis/data?path=data").status()).isEqualTo(200);
        assertThat(user.get("/workspace/projects/my-analysis/data/content?path=" + q("data/raw/numbers.csv")).status()).isEqualTo(404);
        assertThat(user.delete("/workspace/projects/my-analysis/notes/" + note).status()).isEqualTo(200);
        assertThat(user.get("/workspace/projects").json().get(0).get("name").asString()).isEqualTo("my-analysis");
        assertThat(user.delete("/workspace/projects/my-analysis").status()).isEqualTo(200);
        assertThat(user.get("/workspace/projects").json().size()).isZero();
    }

    @Test
    void pathsThatLeaveTheProjectAreRefusedOnEveryFileEndpoint() {
        ApiClient user = newUser("escaper");
        user.postJson("/workspace/projects", Map.of("name", "p"));
        for (String path : List.of("../../../etc/passwd", "/etc/passwd", "a/../../x", "..", "~/x", "a\\..\\b", "x\u0000y")) {
            String p = q(path);
            assertThat(user.get("/workspace/projects/p/data?path=" + p).status()).as("list %s", path).isIn(400, 404);
            assertThat(user.get("/workspace/projects/p/data/content?path=" + p).status()).as("read %s", path).isIn(400, 404);
            assertThat(user.get("/workspace/projects/p/data/download?path=" + p).status()).as("download %s", path).isIn(400, 404);
            assertThat(user.delete("/workspace/projects/p/data?path=" + p).status()).as("delete %s", path).isIn(400, 404);
            assertThat(user.putJson("/workspace/projects/p/data/content", Map.of("path", path, "content", "x")).status())
                    .as("save %s", path).isIn(400, 404);
            assertThat(user.postJson("/workspace/projects/p/data/folder", Map.of("path", path)).status()).as("folder %s", path)
                    .isIn(400, 404);
            assertThat(user.postJson("/workspace/projects/p/data/file", Map.of("path", path)).status()).as("new file %s", path)
                    .isIn(400, 404);
            assertThat(user.postMultipart("/workspace/projects/p/data/upload?path=" + p, "files", "f.txt", "text/plain",
                    new byte[] {1}).status()).as("upload into %s", path).isIn(400, 404);
        }
        // A file named like a way out lands inside, under its own name only.
        ApiClient.Response sneaky = user.postMultipart("/workspace/projects/p/data/upload", "files", "../../evil.sh", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8));
        assertThat(sneaky.json().get("uploaded").get(0).get("path").asString()).isEqualTo("evil.sh");
    }

    @Test
    void aNewFileIsEmptyAndNeverReplacesWhatIsThere() throws Exception {
        ApiClient user = newUser("creator");
        Path root = newProject(user, "fresh");
        ApiClient.Response made = user.postJson("/workspace/projects/fresh/data/file", Map.of("path", "src/hello.py"));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(Files.size(root.resolve("src/hello.py"))).isZero();
        assertThat(user.get("/workspace/projects/fresh/data/content?path=" + q("src/hello.py")).json().get("content").asString())
                .isEmpty();

        user.putJson("/workspace/projects/fresh/data/content", Map.of("path", "src/hello.py", "content", "print(1)\n"));
        ApiClient.Response again = user.postJson("/workspace/projects/fresh/data/file", Map.of("path", "src/hello.py"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isNotBlank();
        assertThat(Files.readString(root.resolve("src/hello.py"))).isEqualTo("print(1)\n");
        assertThat(user.postJson("/workspace/projects/fresh/data/file", Map.of("path", "src")).status()).isEqualTo(409);
        assertThat(user.postJson("/workspace/projects/fresh/data/file", Map.of("path", "")).status()).isEqualTo(400);
        assertThat(user.postJson("/workspace/projects/missing/data/file", Map.of("path", "a.py")).status()).isEqualTo(404);
    }

    @Test
    void symbolicLinksAreNeverFollowed() throws Exception {
        ApiClient user = newUser("linker");
        Path root = newProject(user, "links");
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));

        assertThat(user.get("/workspace/projects/links/data/content?path=passwd").status()).isEqualTo(404);
        assertThat(user.get("/workspace/projects/links/data/download?path=passwd").status()).isEqualTo(404);
        assertThat(user.get("/workspace/projects/links/data/content?path=" + q("etc/hostname")).status()).isEqualTo(404);
        assertThat(user.get("/workspace/projects/links/data?path=etc").status()).isEqualTo(404);
        assertThat(user.putJson("/workspace/projects/links/data/content", Map.of("path", "etc/evil", "content", "x")).status())
                .isEqualTo(404);
        assertThat(user.postJson("/workspace/projects/links/data/file", Map.of("path", "etc/evil")).status()).isEqualTo(404);
        assertThat(user.postJson("/workspace/projects/links/data/file", Map.of("path", "passwd")).status()).isEqualTo(404);
        assertThat(Files.exists(Path.of("/etc/evil"))).isFalse();
        JsonNode listing = user.get("/workspace/projects/links/data").json();
        assertThat(listing.toString()).contains("\"type\":\"link\"");
    }

    @Test
    void aParentFolderSwappedForALinkWhileAFileIsSavedNeverLeadsOutside() throws Exception {
        ApiClient user = newUser("swapper");
        Path root = newProject(user, "swap");
        Path outside = Files.createTempDirectory("swap-outside");
        Path dir = Files.createDirectory(root.resolve("dir"));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread swapper = Thread.ofPlatform().start(() -> {
            Path real = root.resolve("dir.real");
            while (!stop.get()) {
                try {
                    Files.move(dir, real, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.createSymbolicLink(dir, outside);
                    Thread.onSpinWait();
                    Files.delete(dir);
                    Files.move(real, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                    // The server made or refused something meanwhile: again.
                }
            }
        });
        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        try {
            for (int i = 0; i < 150; i++) {
                statuses.add(user.putJson("/workspace/projects/swap/data/content",
                        Map.of("path", "dir/sub" + i + "/deeper/new.txt", "content", "x")).status());
                statuses.add(user.postJson("/workspace/projects/swap/data/folder", Map.of("path", "dir/f" + i + "/g")).status());
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertThat(statuses).allMatch(status -> status < 300 || status == 404 || status == 409);
        try (java.util.stream.Stream<Path> left = Files.list(outside)) {
            assertThat(left.toList()).isEmpty();
        }
        Files.delete(outside);
    }

    @Test
    void fifosAreRefusedQuicklyAndDeepProjectsAreDeleted() throws Exception {
        ApiClient user = newUser("fifo-maker");
        Path root = newProject(user, "fifo");
        assertThat(new ProcessBuilder("mkfifo", root.resolve("main.py").toString()).start().waitFor()).isZero();
        assertThat(new ProcessBuilder("python3", "-c",
                "import os, sys\nos.chdir(sys.argv[1])\nfor _ in range(1500):\n    os.mkdir('d'); os.chdir('d')\n", root.toString()).start().waitFor()).isZero();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            assertThat(user.get("/workspace/projects/fifo/data/content?path=main.py").status()).isBetween(400, 499);
            assertThat(user.get("/workspace/projects/fifo/data/download?path=main.py").status()).isBetween(400, 499);
            ApiClient.Response run = user.postJson("/workspace/projects/fifo/run", Map.of("language", "python", "code", "print(1)"));
            assertThat(run.status()).isEqualTo(409);
            assertThat(run.body()).contains("main.py");
            assertThat(api.get("/health").status()).isEqualTo(200);
            assertThat(user.delete("/workspace/projects/fifo").status()).isBetween(200, 299);
        });
        assertThat(root).doesNotExist();
        assertThat(user.get("/workspace/projects").json().size()).isZero();
    }

    @Test
    void oneUserNeverSeesAnothersProjects() {
        ApiClient owner = newUser("ws-owner");
        owner.postJson("/workspace/projects", Map.of("name", "secret"));
        owner.putJson("/workspace/projects/secret/data/content", Map.of("path", "key.txt", "content", "hidden"));
        ApiClient other = newUser("ws-other");
        assertThat(other.get("/workspace/projects/secret/data/content?path=key.txt").status()).isEqualTo(404);
        assertThat(other.get("/workspace/projects").json().size()).isZero();
        assertThat(api.get("/workspace/projects").status()).isEqualTo(401);
    }
}
