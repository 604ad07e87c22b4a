package io.coderunner.server.ai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A stand-in for an AI provider on loopback: answers each request with the next of the replies it
 * was given (the last one repeats) and remembers what it received. The replies are written in the
 * providers' real wire formats ({@link Wire}).
 */
public final class ProviderStub implements AutoCloseable {

    /** A request as the stub received it; header names in lower case. */
    public record Received(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * An answer: status, content type, the body in chunks (each flushed on its own, as a streaming
     * provider writes), and a delay before anything is sent.
     */
    public record Reply(int status, String contentType, List<String> chunks, Duration delay) {
        Reply after(Duration wait) {
            return new Reply(status, contentType, chunks, wait);
        }
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile List<Reply> replies = List.of(Wire.status(500, "{\"error\":\"no reply set\"}"));
    private int next;

    private ProviderStub(HttpServer server) {
        this.server = server;
    }

    public static ProviderStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            ProviderStub stub = new ProviderStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The replies for the next requests, in order; the last one answers every request after them. */
    public synchronized ProviderStub replies(Reply... replies) {
        this.replies = List.of(replies);
        this.next = 0;
        this.received.clear();
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    Received last() {
        List<Received> all = received();
        if (all.isEmpty()) {
            throw new AssertionError("the stub at " + baseUrl() + " received no request");
        }
        return all.get(all.size() - 1);
    }

    private synchronized Reply take() {
        Reply reply = replies.get(Math.min(next, replies.size() - 1));
        next++;
        return reply;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            Reply reply = take();
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), 0);
            OutputStream out = exchange.getResponseBody();
            for (String chunk : reply.chunks()) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
