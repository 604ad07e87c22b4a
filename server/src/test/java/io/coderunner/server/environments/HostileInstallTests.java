package io.coderunner.server.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.engine.run.NetworkPolicy;
import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A package's own install-time code as the attacker: a source distribution whose setup.py pip runs
 * to build it, and an npm package's postinstall script, each trying the host's databases, the API,
 * cloud metadata, the host's own address, a public address and the other package index, then
 * leaving a process behind. Each writes what it reached into the package it installs, and a run
 * in the environment prints it. With an index configured, the install reaches that index only;
 * nothing it started outlives it.
 */
@DatabaseAgnostic
class HostileInstallTests extends ServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LINGERER = "crprobe-lingers";

    private static LocalPackageIndex index;
    private static LocalNpmRegistry registry;

    private OutsideWorld outside;
    private final List<Listener> listeners = new ArrayList<>();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry properties) throws IOException {
        // pip's build isolation installs setuptools and wheel, from the configured index only.
        index = new LocalPackageIndex();
        try (var wheels = Files.newDirectoryStream(Path.of("/usr/share/python-wheels"), "{setuptools,wheel}-*.whl")) {
            for (Path wheel : wheels) {
                index.addWheel(wheel);
            }
        }
        registry = new LocalNpmRegistry();
        properties.add("coderunner.environments.pip-index-url", index::url);
        properties.add("coderunner.environments.npm-registry", registry::url);
        properties.add("coderunner.environments.install-timeout-seconds", () -> "120");
    }

    @AfterAll
    static void stopIndexes() {
        index.close();
        registry.close();
    }

    /** A listener on the host that counts who got through to it. */
    private record Listener(ServerSocket socket, AtomicInteger accepted) {
        int port() {
            return socket.getLocalPort();
        }
    }

    private Listener listen(InetAddress address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port));
        Listener listener = new Listener(socket, new AtomicInteger());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    listener.accepted().incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        listeners.add(listener);
        return listener;
    }

    /** Listens on 127.0.0.1:port unless something (a real database) already does. */
    private void listenOnLoopbackUnlessTaken(int port) throws IOException {
        if (!OutsideWorld.answers("127.0.0.1", port)) {
            listen(InetAddress.getLoopbackAddress(), port);
        }
    }

    @BeforeEach
    void surroundings() throws Exception {
        outside = new OutsideWorld();
        listenOnLoopbackUnlessTaken(5432);
        listenOnLoopbackUnlessTaken(6379);
    }

    @AfterEach
    void removeSurroundings() throws Exception {
        System.clearProperty(NetworkPolicy.ALLOW_PROPERTY);
        for (Listener listener : listeners) {
            listener.socket().close();
        }
        outside.close();
    }

    /**
     * What the install-time code tries, by name: everything there is to find, each with something
     * listening (checked from the host), and the index it is installed from.
     */
    private Map<String, InetSocketAddress> targets(InetSocketAddress ownIndex, InetSocketAddress otherIndex) throws IOException {
        InetAddress host = PackageMirror.address();
        Listener onHostAddress = listen(host, 0);
        // On the sandboxes' allow-list, which opens it to runs, not to installs.
        System.setProperty(NetworkPolicy.ALLOW_PROPERTY, host.getHostAddress() + ":" + onHostAddress.port());
        Map<String, InetSocketAddress> targets = new LinkedHashMap<>();
        targets.put("index", ownIndex);
        targets.put("postgres", new InetSocketAddress("127.0.0.1", 5432));
        targets.put("redis", new InetSocketAddress("127.0.0.1", 6379));
        targets.put("api", new InetSocketAddress("127.0.0.1", port));
        targets.put("api-on-host-address", new InetSocketAddress(host, port));
        targets.put("host-address", new InetSocketAddress(host, onHostAddress.port()));
        targets.put("metadata", new InetSocketAddress(OutsideWorld.METADATA, OutsideWorld.METADATA_PORT));
        targets.put("public", new InetSocketAddress(OutsideWorld.PUBLIC, OutsideWorld.PUBLIC_PORT));
        targets.put("other-index", otherIndex);
        for (Map.Entry<String, InetSocketAddress> target : targets.entrySet()) {
            assertThat(OutsideWorld.answers(target.getValue().getHostString(), target.getValue().getPort()))
                    .as("something listens for " + target.getKey()).isTrue();
        }
        // Those checks were connections too: counting starts once each has been seen.
        await().atMost(Duration.ofSeconds(5)).until(() -> listeners.stream().allMatch(l -> l.accepted().get() == 1));
        listeners.forEach(l -> l.accepted().set(0));
        return targets;
    }

    private static String targetsJson(Map<String, InetSocketAddress> targets) {
        Map<String, List<Object>> plain = new LinkedHashMap<>();
        targets.forEach((name, address) -> plain.put(name, List.of(address.getHostString(), address.getPort())));
        return JSON.writeValueAsString(plain);
    }

    @Test
    void aSetupPyReachesTheIndexAndNothingElse() throws Exception {
        Map<String, InetSocketAddress> targets = targets(index.address(), registry.address());
        index.addSource("crprobe", "1.0", Map.of("setup.py", """
                import errno, json, os, socket, subprocess, sys
                from setuptools import setup

                def probe(host, port):
                    try:
                        socket.create_connection((host, port), timeout=3).close()
                        return "reached"
                    except socket.timeout:
                        return "timeout"
                    except OSError as e:
                        return "refused " + errno.errorcode.get(e.errno, str(e.errno))

                findings = {name: probe(host, port) for name, (host, port) in json.loads(%s).items()}
                lingerer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", "%s"],
                                            start_new_session=True, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                findings["lingerer"] = "started" if lingerer.pid else "not started"
                os.makedirs("crprobe", exist_ok=True)
                with open("crprobe/__init__.py", "w") as module:
                    module.write("FINDINGS = %%r\\n" %% (findings,))
                setup(name="crprobe", version="1.0", packages=["crprobe"])
                """.formatted(pythonString(targetsJson(targets)), LINGERER)));
        ApiClient user = newUser("pyattacker");
        user.postJson("/user-environments", Map.of("name", "probed", "language", "python"));

        ApiClient.Response installed = user.postJson("/environments/probed/packages/install",
                Map.of("packages", List.of("crprobe==1.0")));

        assertThat(installed.status()).as(installed.body()).isEqualTo(200);
        JsonNode findings = JSON.readTree(run(user, "probed", "python",
                "import crprobe, json\nprint(json.dumps(crprobe.FINDINGS))\n"));
        assertContained(findings);
    }

    @Test
    void aPostinstallScriptReachesTheRegistryAndNothingElse() throws Exception {
        Map<String, InetSocketAddress> targets = targets(registry.address(), index.address());
        registry.add("crprobe", "1.0.0", Map.of("probe.js", """
                const net = require("net"), fs = require("fs"), path = require("path");
                const { spawn } = require("child_process");
                function probe(host, port) {
                  return new Promise(resolve => {
                    const socket = net.connect({ host, port });
                    const timer = setTimeout(() => { socket.destroy(); resolve("timeout"); }, 3000);
                    socket.on("connect", () => { clearTimeout(timer); socket.destroy(); resolve("reached"); });
                    socket.on("error", e => { clearTimeout(timer); resolve("refused " + e.code); });
                  });
                }
                (async () => {
                  const findings = {};
                  for (const [name, [host, port]] of Object.entries(%s)) {
                    findings[name] = await probe(host, port);
                  }
                  const lingerer = spawn(process.execPath, ["-e", "setTimeout(() => {}, 600000)", "%s"],
                                         { detached: true, stdio: "ignore" });
                  lingerer.unref();
                  findings.lingerer = lingerer.pid ? "started" : "not started";
                  fs.writeFileSync(path.join(__dirname, "findings.json"), JSON.stringify(findings));
                })();
                """.formatted(targetsJson(targets), LINGERER)), Map.of("postinstall", "node probe.js"));
        ApiClient user = newUser("nodeattacker");
        user.postJson("/user-environments", Map.of("name", "probed", "language", "node"));

        ApiClient.Response installed = user.postJson("/environments/probed/packages/install",
                Map.of("packages", List.of("crprobe@1.0.0")));

        assertThat(installed.status()).as(installed.body()).isEqualTo(200);
        JsonNode findings = JSON.readTree(run(user, "probed", "javascript",
                "console.log(JSON.stringify(require('crprobe/findings.json')));\n"));
        assertContained(findings);
    }

    /**
     * The index reached; on loopback, only the namespace's own (nothing listens there); everything
     * else refused by the firewall at once, though something listens; the host's listeners never
     * saw a connection; and what the code left running, and the sandbox's network, are gone.
     */
    private void assertContained(JsonNode findings) throws Exception {
        String seen = findings.toString();
        assertThat(findings.path("index").asString()).as(seen).isEqualTo("reached");
        assertThat(findings.path("lingerer").asString()).as(seen).isEqualTo("started");
        for (String name : List.of("postgres", "redis", "api")) {
            assertThat(findings.path(name).asString()).as(seen).isEqualTo("refused ECONNREFUSED");
        }
        for (String name : List.of("api-on-host-address", "host-address", "metadata", "public", "other-index")) {
            assertThat(findings.path(name).asString()).as(seen).isEqualTo("refused EHOSTUNREACH");
        }
        for (Listener listener : listeners) {
            assertThat(listener.accepted().get()).as("connections to the host's port " + listener.port()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(LINGERER))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))).as("processes left by the install").isEmpty();
            assertThat(ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/pasta") || c.endsWith("/passt")).orElse(false))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))).as("pasta processes").isEmpty();
            Path netns = Path.of("/run/netns");
            if (Files.isDirectory(netns)) {
                try (var names = Files.list(netns)) {
                    assertThat(names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("coderunner-")))
                            .as("network namespaces").isEmpty();
                }
            }
        });
    }

    /** A Python string literal holding {@code text}, which is JSON and so holds no newline. */
    private static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String run(ApiClient user, String environment, String language, String code) {
        ApiClient.Response response = user.postJson("/api/execute", Map.of("language", language,
                "environment", environment, "code", code));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).as(response.body()).isEqualTo("OK");
        return response.json().get("stdout").asString();
    }
}
