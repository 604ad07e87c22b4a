package io.coderunner.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** POST /api/execute as any client would send it, checking that the program really ran. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI execute;

    ApiClient(String baseUrl) {
        this.execute = URI.create(baseUrl + "/api/execute");
    }

    /** Sends one run and returns its wall time in nanoseconds; throws when it did not print what it should. */
    long runOnce(Workload workload) {
        byte[] body = json.writeValueAsBytes(Map.of("language", workload.language(), "code", workload.code()));
        HttpRequest request = HttpRequest.newBuilder(execute).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + execute + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long elapsed = System.nanoTime() - started;
        JsonNode answer = json.readTree(response.body());
        if (response.statusCode() != 200 || !"OK".equals(answer.path("status").asString())
                || !Workload.EXPECTED.equals(answer.path("stdout").asString())) {
            throw new IllegalStateException(workload.name() + " through the API: HTTP " + response.statusCode() + " "
                    + new String(response.body()));
        }
        return elapsed;
    }
}
