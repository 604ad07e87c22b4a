package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client that keeps every message with the time it arrived. */
public class ExecuteSocketClient implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public record Message(long atNanos, JsonNode body) {
    }

    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    final WebSocket socket;

    private final boolean reading;

    /**
     * @param reading false for a client that reads nothing until told to ({@code socket.request})
     * @param headers headers of the handshake (a browser's Cookie and Origin)
     */
    public ExecuteSocketClient(int port, boolean reading, Map<String, String> headers) {
        this.reading = reading;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/execute"), this).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(new Message(System.nanoTime(), JSON.readTree(partial.toString())));
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    public void send(Map<String, Object> message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    public Message next(String type) throws InterruptedException {
        while (true) {
            Message message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("a %s message", type).isNotNull();
            if (message.body().get("type").asString().equals(type)) {
                return message;
            }
        }
    }

    /** Every message up to and including the result. */
    List<Message> untilResult() throws InterruptedException {
        List<Message> seen = new java.util.ArrayList<>();
        while (true) {
            Message message = messages.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("the result").isNotNull();
            seen.add(message);
            if (message.body().get("type").asString().equals("result")) {
                return seen;
            }
        }
    }
}
