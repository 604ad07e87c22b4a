package io.coderunner.server.environments;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the internet and a cloud's metadata service, on this machine only: a network
 * namespace joined to the host by a veth pair, holding a public-looking address
 * ({@value #PUBLIC}, TEST-NET-3) and the metadata address ({@value #METADATA}, routed from the
 * host into the namespace), each with a listener that answers "hello". A sandbox refused them is
 * refused something that is there.
 */
final class OutsideWorld implements AutoCloseable {

    static final String PUBLIC = "203.0.113.2";
    static final int PUBLIC_PORT = 8080;
    static final String METADATA = "169.254.169.254";
    static final int METADATA_PORT = 80;
    private static final String NAMESPACE = "crtest-installs";

    private final List<Process> listeners = new ArrayList<>();

    OutsideWorld() throws IOException, InterruptedException {
        remove();
        sh("ip netns add " + NAMESPACE);
        sh("ip link add cri-host type veth peer name cri-out");
        sh("ip link set cri-out netns " + NAMESPACE);
        sh("ip addr add 203.0.113.1/24 dev cri-host && ip link set cri-host up");
        sh("ip -n " + NAMESPACE + " addr add " + PUBLIC + "/24 dev cri-out && ip -n " + NAMESPACE + " addr add " + METADATA
                + "/32 dev cri-out && ip -n " + NAMESPACE + " link set cri-out up && ip -n " + NAMESPACE + " link set lo up");
        sh("ip route add " + METADATA + "/32 dev cri-host");
        for (String listen : List.of(PUBLIC + ":" + PUBLIC_PORT, METADATA + ":" + METADATA_PORT)) {
            String[] parts = listen.split(":");
            listeners.add(new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "socat",
                    "TCP-LISTEN:" + parts[1] + ",bind=" + parts[0] + ",fork,reuseaddr", "SYSTEM:echo hello")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> answers(PUBLIC, PUBLIC_PORT) && answers(METADATA, METADATA_PORT));
    }

    /** Whether the host, unconfined, can connect to host:port: then something listens there. */
    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sh(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(command + ": " + output);
        }
    }

    private static void remove() throws IOException, InterruptedException {
        sh("ip link del cri-host 2>/dev/null; ip netns del " + NAMESPACE + " 2>/dev/null; true");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process listener : listeners) {
            listener.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
        remove();
    }
}
