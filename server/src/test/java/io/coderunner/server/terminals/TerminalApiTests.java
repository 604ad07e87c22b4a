package io.coderunner.server.terminals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Terminal sessions end to end: real HTTP, a real WebSocket client, bash in the real sandbox. */
class TerminalApiTests extends ServerTest {

    @Autowired
    io.coderunner.server.system.CodeRunnerSettings settings;

    private java.nio.file.Path workOf(String id) {
        return settings.dataDir().toAbsolutePath().resolve("terminals").resolve(id).resolve("work");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    record User(ApiClient api, String token) {
    }

    private User user(String name) {
        String unique = name + "-" + Long.toString(System.nanoTime(), 36);
        newUser(unique);
        String token = login(unique, "password-" + unique + "-1");
        return new User(api.withToken(token), token);
    }

    private static String create(User user, Map<String, Object> body) {
        ApiClient.Response created = user.api().postJson("/ccresearch/sessions", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asString();
    }

    private static String marker() {
        return Integer.toString(1_000_000 + ThreadLocalRandom.current().nextInt(8_000_000));
    }

    @Test
    void typesIntoBashAndReadsTheScreenResizesAndDeleteKillsEverything() throws Exception {
        User owner = user("typist");
        ApiClient.Response created = owner.api().postJson("/ccresearch/sessions", Map.of("title", "My shell", "cols", 90, "rows", 20));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode session = created.json();
        String id = session.get("id").asString();
        assertThat(session.get("title").asString()).isEqualTo("My shell");
        assertThat(session.get("status").asString()).isEqualTo("created");
        assertThat(session.get("terminal_cols").asInt()).isEqualTo(90);
        assertThat(session.get("terminal_rows").asInt()).isEqualTo(20);
        assertThat(session.get("workspace_dir").asString()).isEqualTo("sessions/" + id).doesNotContain("/tmp");
        assertThat(session.get("expires_at").asString()).endsWith("Z");

        TerminalClient terminal = TerminalClient.connect(port, id, owner.token());
        assertThat(terminal.next("connected").get("session_id").asString()).isEqualTo(id);
        terminal.type("echo $((6*7))\r");
        terminal.waitFor("42\r\n");
        terminal.type("stty size\r");
        terminal.waitFor("20 90\r\n");

        terminal.send(Map.of("type", "resize", "cols", 132, "rows", 43));
        terminal.type("stty size\r");
        terminal.waitFor("43 132\r\n");
        ApiClient.Response resized = owner.api().postJson("/ccresearch/sessions/" + id + "/resize", Map.of("cols", 101, "rows", 31));
        assertThat(resized.status()).isEqualTo(200);
        assertThat(resized.json().get("terminal_cols").asInt()).isEqualTo(101);
        terminal.type("stty size\r");
        terminal.waitFor("31 101\r\n");
        assertThat(owner.api().postJson("/ccresearch/sessions/" + id + "/resize", Map.of("cols", 0, "rows", 31)).status()).isEqualTo(400);

        assertThat(owner.api().get("/ccresearch/sessions/detail/" + id).json().get("status").asString()).isEqualTo("active");

        String sleeper = "sleep " + marker();
        terminal.type(sleeper + " &\r");
        terminal.type("echo started-$((40+2))\r");
        terminal.waitFor("started-42");
        assertThat(HostProcesses.appears(sleeper)).as("the background process runs").isTrue();

        ApiClient.Response deleted = owner.api().delete("/ccresearch/sessions/" + id);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(HostProcesses.gone(sleeper)).as("nothing of the deleted session runs").isTrue();
        assertThat(terminal.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("1000");
        assertThat(owner.api().get("/ccresearch/sessions/detail/" + id).status()).isEqualTo(404);
        assertThat(owner.api().delete("/ccresearch/sessions/" + id).status()).isEqualTo(404);
    }

    @Test
    void aReconnectingClientSeesTheScreenAndTheSessionLivesOnWhileDisconnected() throws Exception {
        User owner = user("reconnect");
        String id = create(owner, Map.of("title", "long job"));
        String mark = marker();
        TerminalClient first = TerminalClient.connect(port, id, owner.token());
        first.type("echo seen-$((" + mark + "+1))\r");
        first.waitFor("seen-" + (Integer.parseInt(mark) + 1));
        first.close();
        first.closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(owner.api().get("/ccresearch/sessions/detail/" + id).json().get("status").asString()).isEqualTo("disconnected"));

        TerminalClient second = TerminalClient.connect(port, id, owner.token());
        second.waitFor("seen-" + (Integer.parseInt(mark) + 1));
        second.type("echo again-$((2*3))\r");
        second.waitFor("again-6");
        JsonNode listed = owner.api().get("/ccresearch/sessions").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("commands_executed").asInt()).isGreaterThanOrEqualTo(2);
        // Seed 003's list path with a browser id answers the same.
        assertThat(owner.api().get("/ccresearch/sessions/some-browser-id").json()).hasSize(1);
        owner.api().delete("/ccresearch/sessions/" + id);
    }

    @Test
    void theTierLimitsSessionsAtOnce() {
        User owner = user("limited");
        String first = create(owner, Map.of("title", "one"));
        ApiClient.Response second = owner.api().postJson("/ccresearch/sessions", Map.of("title", "two"));
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.detail()).contains("your tier allows 1 terminal session at once");
        assertThat(owner.api().delete("/ccresearch/sessions/" + first).status()).isEqualTo(200);
        String third = create(owner, Map.of("title", "three"));
        owner.api().delete("/ccresearch/sessions/" + third);
    }

    @Test
    void anotherUserCannotSeeOpenOrDeleteTheSession() throws Exception {
        User owner = user("owner");
        User other = user("other");
        String id = create(owner, Map.of("title", "private"));
        for (String path : List.of("/ccresearch/sessions/detail/" + id, "/ccresearch/sessions/" + id + "/files",
                "/ccresearch/sessions/" + id + "/files/content?path=x", "/ccresearch/sessions/" + id + "/files/download?path=x",
                "/ccresearch/sessions/" + id + "/download-zip")) {
            assertThat(other.api().get(path).status()).as(path).isEqualTo(404);
            assertThat(api.get(path).status()).as("anonymous " + path).isEqualTo(401);
        }
        assertThat(other.api().get("/ccresearch/sessions").json()).isEmpty();
        assertThat(other.api().delete("/ccresearch/sessions/" + id).status()).isEqualTo(404);
        assertThat(other.api().postJson("/ccresearch/sessions/" + id + "/share", Map.of()).status()).isEqualTo(404);
        assertThat(other.api().send(other.api().request("/ccresearch/sessions/" + id + "/rename")
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"mine\"}"))).status())
                .isEqualTo(404);

        TerminalClient intruder = TerminalClient.connect(port, id, other.token());
        assertThat(intruder.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("4404");
        TerminalClient anonymous = new TerminalClient(port, id);
        anonymous.type("id\r");
        assertThat(anonymous.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("4401");
        TerminalClient forged = TerminalClient.connect(port, id, "not-a-token");
        assertThat(forged.closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("4401");

        assertThat(owner.api().get("/ccresearch/sessions/detail/" + id).status()).isEqualTo(200);
        owner.api().delete("/ccresearch/sessions/" + id);
    }

    @Test
    void traversalAndSymbolicLinksAreRefusedOnEveryFileEndpoint() throws Exception {
        User owner = user("linker");
        String id = create(owner, Map.of("title", "links"));
        TerminalClient terminal = TerminalClient.connect(port, id, owner.token());
        terminal.type("ln -s /etc/passwd x; ln -s /etc etc-link; mkdir -p real; echo hello > real/ok.txt; echo made-$((1+2))\r");
        terminal.waitFor("made-3");

        String base = "/ccresearch/sessions/" + id;
        assertThat(owner.api().get(base + "/files/content?path=real/ok.txt").json().get("content").asString()).isEqualTo("hello\n");
        assertThat(owner.api().get(base + "/files/download?path=real/ok.txt").body()).isEqualTo("hello\n");
        JsonNode listing = owner.api().get(base + "/files").json().get("files");
        assertThat(listing.findValuesAsString("path")).contains("x", "etc-link", "real", "real/ok.txt");
        assertThat(listing.findValuesAsString("path")).noneMatch(p -> p.startsWith("etc-link/"));

        for (String endpoint : List.of("/files/download?path=", "/files/content?path=")) {
            for (String link : List.of("x", "etc-link/passwd", "etc-link/shadow")) {
                ApiClient.Response response = owner.api().get(base + endpoint + link);
                assertThat(response.status()).as(endpoint + link).isEqualTo(404);
                assertThat(response.body()).doesNotContain("root:");
            }
            for (String escape : List.of("../../../../etc/passwd", "/etc/passwd", "real/../../x", "%2e%2e/%2e%2e/etc/passwd")) {
                ApiClient.Response response = owner.api().get(base + endpoint + escape);
                assertThat(response.status()).as(endpoint + escape).isIn(400, 404);
                assertThat(response.body()).doesNotContain("root:");
            }
        }
        assertThat(owner.api().get(base + "/files?path=etc-link").status()).isEqualTo(404);
        assertThat(owner.api().get(base + "/files?path=..").status()).isEqualTo(400);
        assertThat(owner.api().get(base + "/files?path=/etc").status()).isEqualTo(400);

        List<String> zipped = new ArrayList<>();
        HttpResponse<byte[]> zip = java.net.http.HttpClient.newHttpClient().send(owner.api().request(base + "/download-zip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                zipped.add(entry.getName());
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("root:");
            }
        }
        assertThat(zipped).contains("real/", "real/ok.txt").doesNotContain("x", "etc-link", "etc-link/passwd");

        // The same through a share link.
        String token = owner.api().postJson(base + "/share", Map.of()).json().get("share_token").asString();
        assertThat(api.get("/ccresearch/share/" + token + "/files?path=etc-link").status()).isEqualTo(404);
        assertThat(api.get("/ccresearch/share/" + token + "/files?path=../..").status()).isEqualTo(400);
        owner.api().delete(base);
    }

    @Test
    void aZipDownloadOverItsLimitAnswers409NamingItAndAFifoNeverBlocksIt() throws Exception {
        User owner = user("zipper");
        String id = create(owner, Map.of("title", "zip"));
        String base = "/ccresearch/sessions/" + id;
        java.nio.file.Path work = workOf(id);
        // Sparse: more than the limit by its size, nothing on the disk.
        try (java.io.RandomAccessFile big = new java.io.RandomAccessFile(work.resolve("big.bin").toFile(), "rw")) {
            big.setLength(513L * 1024 * 1024);
        }
        ApiClient.Response refused = owner.api().get(base + "/download-zip");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail()).contains(Long.toString(512L * 1024 * 1024) + " bytes");

        java.nio.file.Files.delete(work.resolve("big.bin"));
        run("mkfifo", work.resolve("pipe").toString());
        java.nio.file.Files.writeString(work.resolve("ok.txt"), "fine");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            HttpResponse<byte[]> zip = java.net.http.HttpClient.newHttpClient().send(owner.api().request(base + "/download-zip").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zip.statusCode()).isEqualTo(200);
            List<String> names = new ArrayList<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    names.add(entry.getName());
                }
            }
            assertThat(names).contains("ok.txt").doesNotContain("pipe");
        });
        owner.api().delete(base);
    }

    @Test
    void deletingALiveSessionWithAHostileTreeEndsItFirstAndAFailedDeletionKeepsTheSession() throws Exception {
        java.nio.file.Path outside = java.nio.file.Files.createTempDirectory("session-outside");
        java.nio.file.Files.writeString(outside.resolve("canary"), "do not touch");
        User owner = user("deleter");
        String id = create(owner, Map.of("title", "hostile"));
        TerminalClient terminal = TerminalClient.connect(port, id, owner.token());
        terminal.type("mkfifo pipe; ln -s " + outside + " out; sleep " + marker() + " & echo made-$((2+3))\r");
        terminal.waitFor("made-5");
        // 1,500 levels, deeper than any walk goes, as a program could nest them (made from here: faster).
        run("python3", "-c", "import os, sys\nos.chdir(sys.argv[1])\nfor _ in range(1500):\n    os.mkdir('d'); os.chdir('d')\n",
                workOf(id).toString());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () ->
                assertThat(owner.api().delete("/ccresearch/sessions/" + id).status()).isEqualTo(200));
        assertThat(owner.api().get("/ccresearch/sessions/detail/" + id).status()).isEqualTo(404);
        assertThat(workOf(id)).doesNotExist();
        assertThat(java.nio.file.Files.readString(outside.resolve("canary"))).isEqualTo("do not touch");
        io.coderunner.engine.files.HostileTree.delete(outside);

        // A file nothing may remove (immutable): the deletion fails, says why, and the session stays.
        String kept = create(owner, Map.of("title", "kept"));
        TerminalClient second = TerminalClient.connect(port, kept, owner.token());
        second.type("echo x > stuck; exit\r");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                owner.api().get("/ccresearch/sessions/detail/" + kept).json().get("status").asString().equals("terminated"));
        java.nio.file.Path stuck = workOf(kept).resolve("stuck");
        run("chattr", "+i", stuck.toString());
        try {
            ApiClient.Response refused = owner.api().delete("/ccresearch/sessions/" + kept);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.detail()).contains("could not all be deleted");
            assertThat(owner.api().get("/ccresearch/sessions/detail/" + kept).status()).isEqualTo(200);
        } finally {
            run("chattr", "-i", stuck.toString());
        }
        assertThat(owner.api().delete("/ccresearch/sessions/" + kept).status()).isEqualTo(200);
        assertThat(owner.api().get("/ccresearch/sessions/detail/" + kept).status()).isEqualTo(404);
    }

    @Test
    void aShareLinkShowsTheSessionReadOnlyAndStopsWorkingWhenRevoked() throws Exception {
        User owner = user("sharer");
        String id = create(owner, Map.of("title", "Shared analysis"));
        TerminalClient terminal = TerminalClient.connect(port, id, owner.token());
        terminal.type("echo result > answer.txt; echo shown-$((5*5))\r");
        terminal.waitFor("shown-25");

        ApiClient.Response shared = owner.api().postJson("/ccresearch/sessions/" + id + "/share", Map.of());
        assertThat(shared.status()).isEqualTo(200);
        String token = shared.json().get("share_token").asString();
        assertThat(shared.json().get("share_url").asString()).isEqualTo("/ccresearch/share/" + token);
        assertThat(owner.api().get("/ccresearch/sessions/detail/" + id).json().get("share_token").asString()).isEqualTo(token);

        JsonNode view = api.get("/ccresearch/share/" + token).json();
        assertThat(view.get("title").asString()).isEqualTo("Shared analysis");
        assertThat(view.has("share_token")).isFalse();
        assertThat(api.get("/ccresearch/share/" + token + "/files").json().get("files").findValuesAsString("path")).contains("answer.txt");
        assertThat(api.get("/ccresearch/share/" + token + "/log").json().get("log").asString()).contains("shown-25");

        assertThat(owner.api().delete("/ccresearch/sessions/" + id + "/share").status()).isEqualTo(200);
        for (String path : List.of("", "/files", "/log")) {
            assertThat(api.get("/ccresearch/share/" + token + path).status()).as(path).isEqualTo(404);
        }
        assertThat(api.get("/ccresearch/share/not-a-real-token-at-all").status()).isEqualTo(404);
        owner.api().delete("/ccresearch/sessions/" + id);
    }

    @Test
    void uploadedFilesAreCopiedUnderSanitisedNames() throws Exception {
        User owner = user("uploader");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String boundary = "----terminal-test-" + System.nanoTime();
        part(body, boundary, "title", null, "With data");
        part(body, boundary, "files", "../../escape.csv", "a,b\n1,2\n");
        part(body, boundary, "files", "notes.txt", "plain notes");
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        ApiClient.Response created = owner.api().send(owner.api().request("/ccresearch/sessions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("title").asString()).isEqualTo("With data");
        assertThat(created.json().get("uploaded_files").findValuesAsString("")).isEmpty();
        assertThat(created.json().get("uploaded_files").toString()).contains("escape.csv", "notes.txt");

        assertThat(owner.api().get("/ccresearch/sessions/" + id + "/files/content?path=escape.csv").json().get("content").asString())
                .isEqualTo("a,b\n1,2\n");
        TerminalClient terminal = TerminalClient.connect(port, id, owner.token());
        terminal.type("cat notes.txt; echo; echo end-$((9*9))\r");
        assertThat(terminal.waitFor("end-81")).contains("plain notes");
        owner.api().delete("/ccresearch/sessions/" + id);
    }

    @Test
    void cloningNeedsATierWithNetworkAndAnHttpsUrl() {
        User free = user("nonet");
        String id = create(free, Map.of("title", "clone"));
        ApiClient.Response refused = free.api().postJson("/ccresearch/sessions/" + id + "/clone-repo",
                Map.of("repo_url", "https://github.com/octocat/Hello-World.git"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).contains("needs network access").contains("Free");
        free.api().delete("/ccresearch/sessions/" + id);

        String name = "premium-" + Long.toString(System.nanoTime(), 36);
        assertThat(admin().postJson("/admin/users", Map.of("username", name, "email", name + "@example.com",
                "password", "premium-pass-1", "user_level", 3)).status()).isEqualTo(200);
        ApiClient premium = api.withToken(login(name, "premium-pass-1"));
        String premiumId = premium.postJson("/ccresearch/sessions", Map.of("title", "clone")).json().get("id").asString();
        for (String bad : List.of("file:///etc/passwd", "http://example.com/repo.git", "https://user:secret@example.com/r.git",
                "https://example.com/r.git?x=1", "https://127.0.0.1/r.git", "https://example.com/../r", "--upload-pack=touch /tmp/x",
                "ssh://git@example.com/r.git", "")) {
            ApiClient.Response response = premium.postJson("/ccresearch/sessions/" + premiumId + "/clone-repo", Map.of("repo_url", bad));
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.detail()).as(bad).contains("repo_url");
        }
        ApiClient.Response badDirectory = premium.postJson("/ccresearch/sessions/" + premiumId + "/clone-repo",
                Map.of("repo_url", "https://example.com/owner/repo.git", "directory", "../outside"));
        assertThat(badDirectory.status()).isEqualTo(400);
        premium.delete("/ccresearch/sessions/" + premiumId);
    }

    @Test
    void aRunAndATerminalInAProjectWriteFilesThatStayInTheProject() throws Exception {
        User owner = user("projects");
        assertThat(owner.api().postJson("/workspace/projects", Map.of("name", "analysis")).status()).isEqualTo(200);
        ApiClient.Response run = owner.api().postJson("/workspace/projects/analysis/run", Map.of("language", "python",
                "code", "import os\nopen('result.txt', 'w').write('written by a run')\nprint(sorted(os.listdir('.')))\n"));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("status").asString()).as(run.body()).isIn("success", "OK", "completed");
        assertThat(owner.api().get("/workspace/projects/analysis/data/content?path=result.txt").json().get("content").asString())
                .isEqualTo("written by a run");

        ApiClient.Response created = owner.api().postJson("/ccresearch/sessions", Map.of("title", "in project", "project", "analysis"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("workspace_dir").asString()).isEqualTo("workspace/projects/analysis");
        TerminalClient terminal = TerminalClient.connect(port, id, owner.token());
        terminal.type("cat result.txt; echo; echo from-terminal > terminal.txt; ln -s /etc/passwd sneaky; echo ok-$((3+4))\r");
        assertThat(terminal.waitFor("ok-7")).contains("written by a run");
        assertThat(owner.api().get("/workspace/projects/analysis/data/content?path=terminal.txt").json().get("content").asString())
                .isEqualTo("from-terminal\n");
        // A link made in the terminal is not followed by the workspace's own endpoints either.
        ApiClient.Response sneaky = owner.api().get("/workspace/projects/analysis/data/content?path=sneaky");
        assertThat(sneaky.status()).isEqualTo(404);
        assertThat(sneaky.body()).doesNotContain("root:");
        assertThat(owner.api().get("/workspace/projects/analysis/data/download?path=sneaky").status()).isEqualTo(404);

        // While the terminal works in the project, a run there is refused with the reason (not a failed run).
        ApiClient.Response busy = owner.api().postJson("/workspace/projects/analysis/run", Map.of("language", "python",
                "code", "print('never')\n"));
        assertThat(busy.status()).as(busy.body()).isEqualTo(409);
        assertThat(busy.detail()).contains("project 'analysis' is in use by a terminal session");

        ApiClient.Response twice = owner.api().postJson("/ccresearch/sessions", Map.of("title", "again", "project", "analysis"));
        assertThat(twice.status()).isIn(409, 429);
        assertThat(owner.api().postJson("/ccresearch/sessions", Map.of("project", "no-such-project")).status()).isEqualTo(404);
        owner.api().delete("/ccresearch/sessions/" + id);
        // The project's files stay when the session goes, and runs there work again.
        assertThat(owner.api().get("/workspace/projects/analysis/data/content?path=terminal.txt").status()).isEqualTo(200);
        ApiClient.Response again = owner.api().postJson("/workspace/projects/analysis/run", Map.of("language", "python",
                "code", "print(open('terminal.txt').read().strip())\n"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("stdout").asString()).isEqualTo("from-terminal\n");
    }

    @Test
    void badRequestsAreRefusedWithAReason() {
        User owner = user("careless");
        ApiClient.Response tooWide = owner.api().postJson("/ccresearch/sessions", Map.of("cols", 5000, "rows", 10));
        assertThat(tooWide.status()).isEqualTo(400);
        assertThat(tooWide.detail()).contains("terminal size");
        assertThat(owner.api().postJson("/ccresearch/sessions", Map.of("title", "x".repeat(300))).status()).isEqualTo(400);
        assertThat(owner.api().get("/ccresearch/sessions/detail/does-not-exist").status()).isEqualTo(404);
    }

    static void part(ByteArrayOutputStream body, String boundary, String name, String filename, String content) throws IOException {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: text/plain") + "\r\n\r\n";
        body.write(head.getBytes(StandardCharsets.UTF_8));
        body.write(content.getBytes(StandardCharsets.UTF_8));
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
