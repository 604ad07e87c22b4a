package io.coderunner.server.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client of WS /ccresearch/terminal/{id}, keeping what the screen showed. */
final class TerminalClient implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final StringBuilder screen = new StringBuilder();
    final WebSocket socket;

    TerminalClient(int port, String sessionId) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ccresearch/terminal/" + sessionId), this).join();
    }

    /** Connects and authenticates with a first auth message. */
    static TerminalClient connect(int port, String sessionId, String token) {
        TerminalClient client = new TerminalClient(port, sessionId);
        client.send(Map.of("type", "auth", "token", token));
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode message = JSON.readTree(partial.toString());
            partial.setLength(0);
            if (message.path("type").asString("").equals("output")) {
                synchronized (screen) {
                    screen.append(message.get("data").asString());
                    screen.notifyAll();
                }
            }
            messages.add(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        synchronized (screen) {
            screen.notifyAll();
        }
        return null;
    }

    void send(Map<String, Object> message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    void type(String keys) {
        send(Map.of("type", "input", "data", keys));
    }

    /** Waits until the screen shows {@code wanted}; returns everything shown so far. */
    String waitFor(String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (screen) {
            while (!screen.toString().contains(wanted)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertThat(left).as("'%s' on the screen, which shows: %s", wanted, screen).isPositive();
                screen.wait(left);
            }
            return screen.toString();
        }
    }

    String screen() {
        synchronized (screen) {
            return screen.toString();
        }
    }

    JsonNode next(String type) throws InterruptedException {
        while (true) {
            JsonNode message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("a %s message", type).isNotNull();
            if (message.path("type").asString("").equals(type)) {
                return message;
            }
        }
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
