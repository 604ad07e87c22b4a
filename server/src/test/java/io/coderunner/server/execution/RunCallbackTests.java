package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An asynchronous run calls back a URL the administrator allows, with its result, and tries again when that fails. */
@DatabaseAgnostic
class RunCallbackTests extends ServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What the receiving end got: path and body of each request. */
    private static final BlockingQueue<String[]> RECEIVED = new LinkedBlockingQueue<>();
    /** How many requests to /hooks/flaky the receiver still refuses with 503. */
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    private static final HttpServer RECEIVER = receiver();

    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                RECEIVED.add(new String[] {path, body, exchange.getRequestMethod()});
                int status = path.endsWith("/flaky") && FAILURES_LEFT.getAndDecrement() > 0 ? 503 : 204;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hooks() {
        return "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hooks";
    }

    @DynamicPropertySource
    static void allowTheReceiver(DynamicPropertyRegistry registry) {
        registry.add("coderunner.callbacks.allowed-urls", RunCallbackTests::hooks);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @Test
    void theResultIsPostedToTheCallbackWhenTheRunEnds() throws Exception {
        RECEIVED.clear();
        var started = api.postJson("/api/execute", Map.of("language", "python", "code", "print('called back')",
                "wait", false, "callback_url", hooks() + "/run-1"));
        assertThat(started.status()).isEqualTo(202);
        String id = started.json().get("id").asString();

        String[] request = RECEIVED.poll(30, TimeUnit.SECONDS);
        assertThat(request).as("a callback").isNotNull();
        assertThat(request[0]).isEqualTo("/hooks/run-1");
        assertThat(request[2]).isEqualTo("POST");
        JsonNode result = JSON.readTree(request[1]);
        assertThat(result.get("id").asString()).isEqualTo(id);
        assertThat(result.get("status").asString()).isEqualTo("OK");
        assertThat(result.get("stdout").asString()).isEqualTo("called back\n");
    }

    @Test
    void aFailedDeliveryIsTriedAgain() throws Exception {
        RECEIVED.clear();
        FAILURES_LEFT.set(1);
        api.postJson("/api/execute", Map.of("language", "bash", "code", "echo again", "wait", false,
                "callback_url", hooks() + "/flaky"));
        String[] first = RECEIVED.poll(30, TimeUnit.SECONDS);
        String[] second = RECEIVED.poll(30, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).as("a second attempt after a 503").isNotNull();
        assertThat(JSON.readTree(second[1]).get("stdout").asString()).isEqualTo("again\n");
    }

    @Test
    void onlyUrlsUnderAnAllowedPrefixAreTaken() {
        int port = RECEIVER.getAddress().getPort();
        for (String url : new String[] {
                "http://127.0.0.1:" + port + "/other",
                "http://127.0.0.1:" + port + "/hooksmith",
                "http://127.0.0.1:" + port + "/hooks/../admin",
                "http://127.0.0.1:" + port + "/hooks/%2e%2e/admin",
                "http://127.0.0.1:" + port + "/hooks/%2E%2E/admin",
                "http://127.0.0.1:" + port + "/hooks/.%2e/admin",
                "http://127.0.0.1:" + port + "/hooks/%2e./%2e%2e/admin",
                "http://127.0.0.1:" + port + "/hooks%2f..%2fadmin",
                "http://127.0.0.1:" + port + "/hooks/..%5cadmin",
                "http://127.0.0.1:" + port + "/%68ooks/../admin",
                "http://127.0.0.1:" + (port + 1) + "/hooks/x",
                "https://127.0.0.1:" + port + "/hooks/x",
                "http://user:pw@127.0.0.1:" + port + "/hooks/x",
                "http://169.254.169.254/latest/meta-data",
                "not a url"}) {
            var refused = api.postJson("/api/execute", Map.of("language", "bash", "code", "echo no", "wait", false,
                    "callback_url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.detail()).as(url).contains("callback_url");
        }
        var waiting = api.postJson("/api/execute", Map.of("language", "bash", "code", "echo no",
                "callback_url", hooks() + "/x"));
        assertThat(waiting.status()).isEqualTo(400);
        assertThat(waiting.detail()).contains("\"wait\": false");
    }
}
