package io.coderunner.bench;

import java.io.IOException;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * POST /api/execute as any client would send it, checking that the program really ran. A blocking
 * client with kept-alive connections (Apache HttpClient classic), so that the time measured is the
 * server's and the network's, not a client-side event loop's.
 */
final class ApiClient implements AutoCloseable {

    private final CloseableHttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String execute;

    ApiClient(String baseUrl, int connections) {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(connections);
        pool.setDefaultMaxPerRoute(connections);
        this.http = HttpClients.custom().setConnectionManager(pool).build();
        this.execute = baseUrl + "/api/execute";
    }

    /** Sends one run and returns its wall time in nanoseconds; throws when it did not print what it should. */
    long runOnce(Workload workload) {
        byte[] body = json.writeValueAsBytes(Map.of("language", workload.language(), "code", workload.code()));
        HttpPost request = new HttpPost(execute);
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        long started = System.nanoTime();
        Answer answer;
        try {
            answer = http.execute(request, response -> new Answer(response.getCode(), EntityUtils.toByteArray(response.getEntity())));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + execute + " failed: " + e.getMessage(), e);
        }
        long elapsed = System.nanoTime() - started;
        JsonNode result = json.readTree(answer.body());
        if (answer.status() != 200 || !"OK".equals(result.path("status").asString())
                || !Workload.EXPECTED.equals(result.path("stdout").asString())) {
            throw new IllegalStateException(workload.name() + " through the API: HTTP " + answer.status() + " "
                    + new String(answer.body()));
        }
        return elapsed;
    }

    private record Answer(int status, byte[] body) {
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
