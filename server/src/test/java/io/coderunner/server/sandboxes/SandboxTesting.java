package io.coderunner.server.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** What the sandbox tests share: making sandboxes, running commands in them, looking at the host. */
final class SandboxTesting {

    private SandboxTesting() {
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    static JsonNode create(ApiClient owner, Map<String, Object> body) {
        ApiClient.Response created = owner.postJson("/sandboxes", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    static JsonNode exec(ApiClient owner, String id, String command) {
        ApiClient.Response done = owner.postJson("/sandboxes/" + id + "/process/execute", Map.of("command", command));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return done.json();
    }

    static String stdout(ApiClient owner, String id, String command) {
        JsonNode result = exec(owner, id, command);
        assertThat(result.get("exit_code").asInt()).as(result.toString()).isZero();
        return result.get("stdout").asString();
    }

    static JsonNode post(ApiClient owner, String path) {
        ApiClient.Response response = owner.postJson(path, Map.of());
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    /** Live (not zombie) host processes whose command line contains {@code text}, whatever namespace they are in. */
    static long hostProcesses(String text) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    String line = Files.readString(p.resolve("cmdline")).replace('\0', ' ').strip();
                    String state = Files.readString(p.resolve("status")).replaceAll("(?s).*State:\\s*(\\S).*", "$1");
                    return line.contains(text) && !state.equals("Z");
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Live host processes running as {@code uid}. A zombie is not one: it runs nothing and holds
     * nothing but its entry, until the host's init reaps it (a bubblewrap whose parent was killed
     * first is handed to it).
     */
    static long processesOfUid(int uid) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    List<String> status = Files.readAllLines(p.resolve("status"));
                    return status.stream().noneMatch(l -> l.startsWith("State:") && l.contains("Z"))
                            && status.stream().anyMatch(l -> l.startsWith("Uid:")
                            && l.split("\\s+")[1].equals(Integer.toString(uid)));
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
