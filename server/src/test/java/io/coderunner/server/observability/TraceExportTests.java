package io.coderunner.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Traces leave by OTLP when an endpoint is configured: a collector on loopback (a plain HTTP
 * server taking OTLP's protobuf POSTs, as a real collector does) receives the spans of the
 * server's requests.
 */
@DatabaseAgnostic
class TraceExportTests extends ServerTest {

    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static final HttpServer collector = startCollector();

    record Received(String path, String contentType, byte[] body) {
    }

    private static HttpServer startCollector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "200ms");
    }

    @AfterAll
    static void stopCollector() {
        collector.stop(0);
    }

    @Test
    void theSpansOfRequestsReachTheConfiguredCollector() {
        assertThat(api.get("/api/languages").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(TraceExportTests::namesLanguages));
        Received traces = received.stream().filter(TraceExportTests::namesLanguages).findFirst().orElseThrow();
        assertThat(traces.path()).isEqualTo("/v1/traces");
        assertThat(traces.contentType()).isEqualTo("application/x-protobuf");
    }

    private static boolean namesLanguages(Received request) {
        return new String(request.body(), StandardCharsets.ISO_8859_1).contains("/api/languages");
    }
}
