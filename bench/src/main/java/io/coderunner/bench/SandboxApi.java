package io.coderunner.bench;

import java.io.IOException;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The native sandboxes API as a client calls it, signed in as the administrator, over one
 * kept-alive connection (Apache HttpClient classic, as {@link ApiClient}): every answer is
 * checked, so a figure is never that of a refused request.
 */
final class SandboxApi implements AutoCloseable {

    private final CloseableHttpClient http = HttpClients.createDefault();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private String token;

    SandboxApi(String base) {
        this.base = base;
    }

    void signIn(String username, String password) {
        token = call(new HttpPost(base + "/login"), Map.of("username", username, "password", password), 200)
                .get("access_token").asString();
    }

    /** POST /sandboxes: made and started when it answers. */
    JsonNode create(Map<String, Object> request) {
        JsonNode sandbox = call(new HttpPost(base + "/sandboxes"), request, 201);
        requireState(sandbox, "started");
        return sandbox;
    }

    /** POST /sandboxes/{id}/process/execute; throws unless the command exited 0 and printed {@code expected}. */
    void execute(String id, String command, String expected) {
        JsonNode result = call(new HttpPost(base + "/sandboxes/" + id + "/process/execute"), Map.of("command", command), 200);
        if (result.path("exit_code").asInt(-1) != 0 || !expected.equals(result.path("stdout").asString())) {
            throw new IllegalStateException("`" + command + "` in " + id + " gave " + result);
        }
    }

    void start(String id) {
        requireState(call(new HttpPost(base + "/sandboxes/" + id + "/start"), null, 200), "started");
    }

    void stop(String id) {
        requireState(call(new HttpPost(base + "/sandboxes/" + id + "/stop"), null, 200), "stopped");
    }

    void delete(String id) {
        call(new HttpDelete(base + "/sandboxes/" + id), null, 204);
    }

    /** POST /sandboxes/{id}/snapshot: the snapshot's view, active once it answers. */
    JsonNode snapshot(String id, String name) {
        return call(new HttpPost(base + "/sandboxes/" + id + "/snapshot"), Map.of("name", name), 201);
    }

    private static void requireState(JsonNode sandbox, String state) {
        if (!state.equals(sandbox.path("state").asString())) {
            throw new IllegalStateException("expected a " + state + " sandbox, got " + sandbox);
        }
    }

    private JsonNode call(HttpUriRequestBase request, Object body, int expected) {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.setEntity(new ByteArrayEntity(json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        }
        try {
            return http.execute(request, response -> {
                byte[] answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                if (response.getCode() != expected) {
                    throw new IllegalStateException(request.getMethod() + " " + request.getRequestUri() + ": HTTP "
                            + response.getCode() + " " + new String(answer, java.nio.charset.StandardCharsets.UTF_8));
                }
                return answer.length == 0 ? json.nullNode() : json.readTree(answer);
            });
        } catch (IOException e) {
            throw new IllegalStateException(request.getMethod() + " " + request.getRequestUri() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
