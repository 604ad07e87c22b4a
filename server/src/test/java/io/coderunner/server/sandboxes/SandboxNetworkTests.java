package io.coderunner.server.sandboxes;

import static io.coderunner.server.sandboxes.SandboxTesting.create;
import static io.coderunner.server.sandboxes.SandboxTesting.exec;
import static io.coderunner.server.sandboxes.SandboxTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A sandbox's network on the real sandbox: with network it reaches the outside (a host of the
 * test's own, in a network namespace, at a TEST-NET-2 address) but none of the host's loopback
 * services nor the metadata address; without network it reaches nothing.
 */
@io.coderunner.server.DatabaseAgnostic
class SandboxNetworkTests extends ServerTest {

    private static final String NAMESPACE = "crtest-sbxnet";
    private static final String OUTSIDE = "198.51.100.2";
    private static final int OUTSIDE_PORT = 8080;
    private static final String METADATA = "169.254.169.254";
    private final List<Process> listeners = new ArrayList<>();

    @BeforeEach
    void outsideWorld() throws Exception {
        removeOutside();
        sh("ip netns add " + NAMESPACE + " && ip link add crn-host type veth peer name crn-out && ip link set crn-out netns " + NAMESPACE
                + " && ip addr add 198.51.100.1/24 dev crn-host && ip link set crn-host up"
                + " && ip -n " + NAMESPACE + " addr add " + OUTSIDE + "/24 dev crn-out && ip -n " + NAMESPACE + " addr add " + METADATA
                + "/32 dev crn-out && ip -n " + NAMESPACE + " link set crn-out up && ip -n " + NAMESPACE + " link set lo up"
                + " && ip route add " + METADATA + "/32 dev crn-host");
        listen(List.of("ip", "netns", "exec", NAMESPACE), OUTSIDE, OUTSIDE_PORT);
        listen(List.of("ip", "netns", "exec", NAMESPACE), METADATA, 80);
        // The database and cache ports answer on the host's loopback, by their own server or by a stand-in.
        for (int port : List.of(5432, 6379)) {
            if (!answers("127.0.0.1", port)) {
                listen(List.of(), "127.0.0.1", port);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(OUTSIDE, OUTSIDE_PORT) && answers(METADATA, 80)
                && answers("127.0.0.1", 5432) && answers("127.0.0.1", 6379));
    }

    @AfterEach
    void removeOutsideWorld() throws Exception {
        for (Process listener : listeners) {
            listener.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
        removeOutside();
    }

    /** Exit code 0 and what the server said first when the sandbox could connect to host:port. */
    private static String probe(String host, int port) {
        return "timeout 8 python3 -c \"import socket; s = socket.create_connection(('" + host + "', " + port + "), 4); "
                + "s.settimeout(2); print('connected'); print(s.recv(16).decode(errors='replace').strip())\"";
    }

    @Test
    void aSandboxWithNetworkReachesTheOutsideButNoneOfTheHostsServicesNorMetadata() {
        ApiClient owner = newUser(uniqueName("sbx-net"));
        long userId = owner.get("/users/me").json().get("id").asLong();
        assertThat(admin().putJson("/admin/users/" + userId, Map.of("user_level", 3)).status()).isEqualTo(200);
        JsonNode sandbox = create(owner, Map.of("network", true));
        assertThat(sandbox.get("network").asBoolean()).isTrue();
        String id = sandbox.get("id").asString();

        JsonNode outside = exec(owner, id, probe(OUTSIDE, OUTSIDE_PORT));
        assertThat(outside.get("exit_code").asInt()).as(outside.toString()).isZero();
        assertThat(outside.get("stdout").asString()).isEqualTo("connected\nhello\n");

        for (Map.Entry<String, Integer> target : Map.of("127.0.0.1", 5432, "127.0.0.2", 6379, METADATA, 80).entrySet()) {
            refused(owner, id, target.getKey(), target.getValue());
        }
        refused(owner, id, "127.0.0.1", 6379);
        refused(owner, id, "127.0.0.1", port);
        refused(owner, id, "198.51.100.1", port);
        // Its network namespace and pasta go with it (other tests check that none are left on the host).
        assertThat(owner.delete("/sandboxes/" + id).status()).isEqualTo(204);
    }

    @Test
    void aSandboxWithoutNetworkReachesNothing() {
        ApiClient owner = newUser(uniqueName("sbx-net-off"));
        String id = create(owner, Map.of()).get("id").asString();
        refused(owner, id, OUTSIDE, OUTSIDE_PORT);
        refused(owner, id, METADATA, 80);
        refused(owner, id, "127.0.0.1", port);
        assertThat(owner.delete("/sandboxes/" + id).status()).isEqualTo(204);
    }

    private static void refused(ApiClient owner, String id, String host, int port) {
        JsonNode result = exec(owner, id, probe(host, port));
        assertThat(result.get("exit_code").asInt()).as("the sandbox must not reach " + host + ":" + port + ": " + result).isNotZero();
        assertThat(result.get("stdout").asString()).doesNotContain("connected");
    }

    private void listen(List<String> prefix, String address, int port) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("socat", "TCP-LISTEN:" + port + ",bind=" + address + ",fork,reuseaddr", "SYSTEM:echo hello"));
        listeners.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void removeOutside() throws IOException, InterruptedException {
        sh("ip route del " + METADATA + "/32 dev crn-host 2>/dev/null; ip link del crn-host 2>/dev/null; ip netns del " + NAMESPACE
                + " 2>/dev/null; true");
    }

    private static void sh(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(command + ": " + output);
        }
    }
}
