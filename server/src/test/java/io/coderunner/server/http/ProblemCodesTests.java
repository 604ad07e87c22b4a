package io.coderunner.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every error names its kind in {@code code} beside {@code detail}, whoever raised it: a module, Spring or a filter. */
class ProblemCodesTests extends ServerTest {

    private static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode problem = response.json();
        assertThat(problem.get("code").asString()).as(response.body()).isEqualTo(code);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    @Test
    void eachKindOfRefusalHasItsCode() {
        ApiClient user = newUser("coded1");
        assertProblem(user.get("/code-library/987654"), 404, "not_found");
        assertProblem(user.post("/code-library", "{not json"), 400, "invalid_request");
        assertProblem(api.get("/code-library"), 401, "authentication_required");
        assertProblem(api.postJson("/login", Map.of("username", "coded1", "password", "wrong-password-1")), 401,
                "invalid_credentials");
        assertProblem(user.get("/admin/database/info"), 403, "forbidden");
        assertProblem(api.postJson("/register", Map.of("username", "coded1", "email", "other@example.com",
                "password", "password-coded1-2")), 409, "conflict");
        // Raised by Spring before any controller of ours, and by a filter.
        assertProblem(user.send(user.request("/code-library").method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody())),
                405, "method_not_allowed");
        assertProblem(api.withToken("not-a-token").get("/users/me"), 401, "authentication_required");
    }

    @Test
    void aRefusedAiRequestSaysNoProviderIsConfigured() {
        ApiClient user = newUser("coded2");
        ApiClient.Response refused = user.postJson("/api/ai/assist", Map.of("action", "explain_code", "code", "print(1)",
                "language", "python"));
        assertProblem(refused, 503, "ai_not_configured");
    }
}
