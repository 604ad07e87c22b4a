package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The attack of sockets that never sign in: each is closed at the sign-in deadline while the server
 * keeps answering, and one address cannot hold more than its share of connections.
 */
@DatabaseAgnostic
class SocketAdmissionTests extends ServerTest {

    private static final int PER_ADDRESS = 5;

    @DynamicPropertySource
    static void strictSockets(DynamicPropertyRegistry registry) {
        registry.add("coderunner.sockets.sign-in-deadline", () -> "2s");
        registry.add("coderunner.sockets.per-address", () -> Integer.toString(PER_ADDRESS));
    }

    /** A WebSocket from a given loopback address that says nothing and records how it was closed. */
    static final class Silent implements WebSocket.Listener {
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final WebSocket socket;
        final StringBuilder received = new StringBuilder();

        Silent(String from, URI uri) throws Exception {
            HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
            socket = http.newWebSocketBuilder().buildAsync(uri, this).join();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (received) {
                received.append(data);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }
    }

    private URI execute() {
        return URI.create("ws://127.0.0.1:" + port + "/ws/execute");
    }

    @Test
    void fiftySocketsThatNeverSignInAreClosedAtTheDeadlineAndTheServerKeepsAnswering() throws Exception {
        List<Silent> sockets = new ArrayList<>();
        long opened = System.nanoTime();
        // Ten loopback addresses, each at its limit: 50 idle connections.
        for (int a = 0; a < 10; a++) {
            for (int i = 0; i < PER_ADDRESS; i++) {
                sockets.add(new Silent("127.0.0." + (10 + a), execute()));
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        // Meanwhile health answers promptly.
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        for (Silent socket : sockets) {
            assertThat(socket.closed.get(10, TimeUnit.SECONDS)).startsWith("4408 ").contains("not signed in");
        }
        // All within the deadline and a margin, counted from when the first was opened.
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(Duration.ofSeconds(2 + 6));
    }

    @Test
    void theTerminalEndpointHasTheDeadlineToo() throws Exception {
        Silent socket = new Silent("127.0.0.30", URI.create("ws://127.0.0.1:" + port + "/ccresearch/terminal/no-such-session"));
        assertThat(socket.closed.get(10, TimeUnit.SECONDS)).startsWith("4408 ");
    }

    @Test
    void anAnonymousRunStartedInTimeIsNotCutOffByTheDeadline() throws Exception {
        Silent socket = new Silent("127.0.0.31", execute());
        socket.socket.sendText("{\"type\":\"start\",\"language\":\"bash\",\"code\":\"sleep 3; echo done\"}", true).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            synchronized (socket.received) {
                return socket.received.toString().contains("\"type\":\"result\"");
            }
        });
        assertThat(socket.closed).isNotDone();
        assertThat(socket.received.toString()).contains("done");
    }

    @Test
    void oneAddressCannotHoldMoreThanItsShareOfConnections() throws Exception {
        List<Silent> held = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS; i++) {
            held.add(new Silent("127.0.0.2", execute()));
        }
        // The next one from that address is refused: a 429 handshake, or closed at once with 4429.
        String refused;
        try {
            Silent extra = new Silent("127.0.0.2", execute());
            refused = extra.closed.get(1, TimeUnit.SECONDS);
            assertThat(refused).startsWith("4429 ");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            assertThat(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(429);
        }
        // Another address is not affected.
        Silent other = new Silent("127.0.0.3", execute());
        assertThat(other.closed).isNotDone();
        // Once that address's connections are closed (here by the deadline), it may connect again.
        for (Silent socket : held) {
            socket.closed.get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Silent again = new Silent("127.0.0.2", execute());
            assertThat(again.closed.isDone() ? again.closed.get() : "open").doesNotStartWith("4429");
        });
    }
}
