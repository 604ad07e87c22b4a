package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coderunner.engine.run.NetworkPolicy;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack of CVE-2024-29021 against a sandbox allowed the network, for every runtime: from
 * inside, reach the host's loopback services (PostgreSQL, Redis, the API), cloud metadata, private
 * networks and the host's own address. The tests build their own "internet": a namespace joined to
 * the host by a veth pair, holding a public-looking address (198.51.100.2) and a private one
 * (10.213.0.2), each serving "hello". No traffic leaves this machine.
 *
 * <p>A runtime's test class says how it runs a program and what of its own may be left behind.
 */
public abstract class SandboxNetworkAttacks {

    private static final String OUTSIDE = "crtest-outside";
    protected static final String PUBLIC = "198.51.100.2";
    protected static final String PRIVATE = "10.213.0.2";
    private static final int[] PORTS = {8080, 8081};
    private static final List<Process> listeners = new ArrayList<>();
    /**
     * The outside world's resolver: names ending in .crtest are the public address; others do not
     * exist. A few lines of DNS over UDP, as a real resolver answers them.
     */
    private static final String RESOLVER = """
            import socket, struct
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(('0.0.0.0', 53))
            while True:
                q, peer = s.recvfrom(512)
                i, labels = 12, []
                while q[i]:
                    labels.append(q[i + 1:i + 1 + q[i]].decode())
                    i += q[i] + 1
                question, qtype, name = q[12:i + 5], q[i + 1:i + 3], '.'.join(labels)
                if not name.endswith('crtest'):
                    s.sendto(q[:2] + b'\\x81\\x83' + struct.pack('>HHHH', 1, 0, 0, 0) + question, peer)
                elif qtype == b'\\x00\\x01':
                    answer = b'\\xc0\\x0c' + struct.pack('>HHIH', 1, 1, 60, 4) + socket.inet_aton('198.51.100.2')
                    s.sendto(q[:2] + b'\\x81\\x80' + struct.pack('>HHHH', 1, 1, 0, 0) + question + answer, peer)
                else:
                    s.sendto(q[:2] + b'\\x81\\x80' + struct.pack('>HHHH', 1, 0, 0, 0) + question, peer)
            """;

    /** Runs a Python program in the runtime's sandbox with these limits. */
    protected abstract RunResult run(String code, Limits limits);

    /** Host processes of the runtime that outlived a stage (the sandboxes it keeps waiting excepted). */
    protected abstract List<String> leftoverProcesses();

    /** What a connection from a sandbox without network fails with (its namespace has no route at all). */
    protected String noNetworkError() {
        return "Network is unreachable";
    }

    @BeforeAll
    static void outsideWorld() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pasta")), "passt is not installed: run scripts/setup.sh");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed: run scripts/setup.sh");
        assumeTrue(SandboxFixture.root(), "the tests' outside world needs root (network namespaces, veth)");
        removeOutsideWorld();
        sh("ip netns add " + OUTSIDE);
        sh("ip link add crt-host type veth peer name crt-out");
        sh("ip link set crt-out netns " + OUTSIDE);
        sh("ip addr add 198.51.100.1/24 dev crt-host && ip addr add 10.213.0.1/24 dev crt-host && ip link set crt-host up");
        sh("ip -n " + OUTSIDE + " addr add " + PUBLIC + "/24 dev crt-out && ip -n " + OUTSIDE + " addr add " + PRIVATE
                + "/24 dev crt-out && ip -n " + OUTSIDE + " link set crt-out up && ip -n " + OUTSIDE + " link set lo up");
        for (int port : PORTS) {
            listeners.add(new ProcessBuilder("ip", "netns", "exec", OUTSIDE, "socat",
                    "TCP-LISTEN:" + port + ",fork,reuseaddr", "SYSTEM:echo hello")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        listeners.add(new ProcessBuilder("ip", "netns", "exec", OUTSIDE, "python3", "-c", RESOLVER)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        await().atMost(Duration.ofSeconds(5)).until(() -> listening(PORTS) && resolving());
    }

    private static boolean resolving() throws Exception {
        Process process = new ProcessBuilder("ip", "netns", "exec", OUTSIDE, "ss", "-Huln").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.contains(":53 ");
    }

    @AfterAll
    static void removeOutsideWorld() throws Exception {
        for (Process listener : listeners) {
            listener.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
        listeners.clear();
        new ProcessBuilder("sh", "-c", "ip link del crt-host 2>/dev/null; ip netns del " + OUTSIDE + " 2>/dev/null; true")
                .start().waitFor();
    }

    private static boolean listening(int... ports) throws Exception {
        Process process = new ProcessBuilder("ip", "netns", "exec", OUTSIDE, "ss", "-Htln").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return java.util.Arrays.stream(ports).allMatch(port -> out.contains(":" + port + " "));
    }

    private static void sh(String command) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(command + ": " + out).isZero();
    }

    /** A Python program that tries each name=host:port and prints "name OK data" or "name FAIL why". */
    protected static String probe(List<String> targets) {
        StringBuilder code = new StringBuilder("import socket\n");
        code.append("for name, host, port in [");
        for (String target : targets) {
            String[] parts = target.split("=");
            int colon = parts[1].lastIndexOf(':');
            code.append("('").append(parts[0]).append("', '").append(parts[1], 0, colon).append("', ")
                    .append(parts[1].substring(colon + 1)).append("), ");
        }
        code.append("]:\n")
                .append("    try:\n")
                .append("        s = socket.create_connection((host, port), timeout=2)\n")
                .append("        print(name, 'OK', s.recv(100).decode().strip())\n")
                .append("        s.close()\n")
                .append("    except OSError as e:\n")
                .append("        print(name, 'FAIL', e)\n");
        return code.toString();
    }

    private RunResult runWithNetwork(String code) {
        return run(code, Limits.defaults().withNetwork(true));
    }

    private static String hostAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                String text = address.getHostAddress();
                if (address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !text.startsWith("198.51.100.") && !text.startsWith("10.213.")) {
                    return text;
                }
            }
        }
        throw new IllegalStateException("the host has no non-loopback IPv4 address");
    }

    @Test
    void aSandboxWithNetworkReachesPublicAddressesButNotTheHostOrPrivateRanges() throws Exception {
        try (ServerSocket host = new ServerSocket()) {
            host.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = host.getLocalPort();
            RunResult result = runWithNetwork(probe(List.of(
                    "public=" + PUBLIC + ":8080",
                    "loopback=127.0.0.1:" + port,
                    "postgres=127.0.0.1:5432",
                    "redis=127.0.0.1:6379",
                    "metadata=169.254.169.254:80",
                    "private=" + PRIVATE + ":8080",
                    "hostaddress=" + hostAddress() + ":" + port,
                    "hostpublic=198.51.100.1:" + port,
                    "v6loopback=::1:" + port)));

            String out = result.stdout();
            assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
            assertThat(out).as(out).contains("public OK hello");
            for (String name : List.of("loopback", "postgres", "redis", "metadata", "private", "hostaddress",
                    "hostpublic", "v6loopback")) {
                assertThat(out).as(out).contains(name + " FAIL");
            }
            assertThat(result.wallTimeMs()).as("refusals are immediate, not timeouts").isLessThan(8000);
        }
        assertNothingLeftOver();
    }

    @Test
    void theAllowListOpensExactlyTheListedPrivateAddressAndPort() throws Exception {
        System.setProperty(NetworkPolicy.ALLOW_PROPERTY, PRIVATE + ":8080");
        try {
            RunResult result = runWithNetwork(probe(List.of(
                    "allowed=" + PRIVATE + ":8080",
                    "otherport=" + PRIVATE + ":8081",
                    "otheraddress=10.213.0.1:8080",
                    "public=" + PUBLIC + ":8081")));
            String out = result.stdout();
            assertThat(out).as(result.toString()).contains("allowed OK hello").contains("otherport FAIL")
                    .contains("otheraddress FAIL").contains("public OK hello");
        } finally {
            System.clearProperty(NetworkPolicy.ALLOW_PROPERTY);
        }
        assertNothingLeftOver();
    }

    @Test
    void onlyTheGivenDestinationsAreReachableNotThePublicInternetNorTheAllowList() throws Exception {
        // The private destination is not on the allow-list: naming it is what opens it. The
        // allow-list's entry, in turn, opens nothing here. The name is pinned, with no DNS.
        System.setProperty(NetworkPolicy.ALLOW_PROPERTY, PRIVATE + ":8081");
        try (ServerSocket host = new ServerSocket()) {
            host.bind(new InetSocketAddress("0.0.0.0", 0));
            NetworkAccess only = new NetworkAccess.Only(List.of(
                    new NetworkAccess.Destination("index.crtest", InetAddress.getByName(PRIVATE), 8080)));
            RunResult result = run(probe(List.of(
                    "named=index.crtest:8080",
                    "address=" + PRIVATE + ":8080",
                    "allowlisted=" + PRIVATE + ":8081",
                    "public=" + PUBLIC + ":8080",
                    "loopback=127.0.0.1:" + host.getLocalPort(),
                    "hostaddress=" + hostAddress() + ":" + host.getLocalPort(),
                    "metadata=169.254.169.254:80")), Limits.defaults().withNetwork(only));

            String out = result.stdout();
            assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
            assertThat(out).as(out).contains("named OK hello").contains("address OK hello");
            for (String name : List.of("allowlisted", "public", "loopback", "hostaddress", "metadata")) {
                assertThat(out).as(out).contains(name + " FAIL");
            }
            // Refused by the firewall at once, not left to time out, and not merely unanswered.
            assertThat(out).as(out).contains("public FAIL [Errno 113]").contains("allowlisted FAIL [Errno 113]");
            assertThat(result.wallTimeMs()).as("refusals are immediate, not timeouts").isLessThan(8000);
        } finally {
            System.clearProperty(NetworkPolicy.ALLOW_PROPERTY);
        }
        assertNothingLeftOver();
    }

    @Test
    void aSandboxWithoutNetworkHasNoNetworkAtAll() {
        RunResult result = run(probe(List.of("public=" + PUBLIC + ":8080")), Limits.defaults());
        assertThat(result.stdout()).as(result.toString()).contains("public FAIL").contains(noNetworkError());
    }

    @Test
    void queriesGoToTheHostsResolverThroughTheForwarderAndNoOtherPrivateResolverIsReachable() throws Exception {
        String hostResolver = hostResolver();
        assumeTrue(hostResolver != null, "the host has no IPv4 resolver in /etc/resolv.conf");
        String query = "b'\\x12\\x34\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00"
                + "\\x07service\\x06crtest\\x00\\x00\\x01\\x00\\x01'";
        String ask = """
                import socket
                def ask(name, server):
                    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    u.settimeout(3)
                    try:
                        u.connect((server, 53))
                        u.send(%s)
                        answer = u.recv(512)
                        print(name, 'answered', 'id' if answer[:2] == b'\\x12\\x34' else 'other', 'rcode', answer[3] & 15)
                    except OSError as e:
                        print(name, 'FAIL', e)
                """.formatted(query);
        Process onHost = new ProcessBuilder("python3", "-c", ask + "ask('host', '" + hostResolver + "')\n")
                .redirectErrorStream(true).start();
        String direct = new String(onHost.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        onHost.waitFor();
        assumeTrue(direct.startsWith("host answered"), "the host's resolver does not answer: " + direct);

        RunResult result = runWithNetwork(ask + """
                print('nameserver', open('/etc/resolv.conf').read().split()[1])
                ask('forwarder', '10.200.0.53')
                ask('hostresolver', '%s')
                ask('private', '%s')
                ask('public', '%s')
                """.formatted(hostResolver, PRIVATE, PUBLIC));

        String out = result.stdout();
        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        // The sandbox gets the host resolver's own answer, but only through the forwarder: the resolver's
        // address, another private resolver, are refused like any private address; a public one is
        // reachable like any public address.
        assertThat(out).as(out).contains("nameserver 10.200.0.53")
                .contains(direct.replace("host answered", "forwarder answered"))
                .contains("private FAIL").contains("public answered id rcode 0");
        InetAddress resolver = InetAddress.getByName(hostResolver);
        if (resolver.isSiteLocalAddress() || resolver.isLoopbackAddress() || resolver.isLinkLocalAddress()) {
            assertThat(out).as(out).contains("hostresolver FAIL");
        }
        assertNothingLeftOver();
    }

    /** The host's first IPv4 resolver, which pasta forwards the sandbox's queries to. */
    private static String hostResolver() throws IOException {
        Path resolvConf = Path.of("/etc/resolv.conf");
        if (!Files.isReadable(resolvConf)) {
            return null;
        }
        return Files.readAllLines(resolvConf).stream().map(String::strip).filter(line -> line.startsWith("nameserver "))
                .map(line -> line.substring("nameserver ".length()).strip())
                .filter(address -> address.matches("[0-9.]+")).findFirst().orElse(null);
    }

    /** No namespace, pasta or process of the runtime outlives its stage. */
    protected final void assertNothingLeftOver() {
        await("leftover network namespaces, pasta and runtime processes").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    List<String> left = new ArrayList<>(networkNamespaces());
                    left.addAll(pastas());
                    left.addAll(leftoverProcesses());
                    assertThat(left).isEmpty();
                });
    }

    private static List<String> networkNamespaces() throws IOException {
        Path netns = Path.of("/run/netns");
        if (!Files.isDirectory(netns)) {
            return List.of();
        }
        try (Stream<Path> names = Files.list(netns)) {
            return names.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("coderunner-")).toList();
        }
    }

    private static List<String> pastas() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/pasta") || c.endsWith("/passt")).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }
}
