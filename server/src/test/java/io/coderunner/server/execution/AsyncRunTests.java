package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/execute with "wait": false answers at once; GET /api/executions/{id} gives the result later. */
class AsyncRunTests extends ServerTest {

    private JsonNode awaitResult(ApiClient client, String id) {
        return await().alias("run " + id + " ends").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.get("/api/executions/" + id).json(), state -> !state.get("status").asString().equals("RUNNING"));
    }

    @Test
    void aRunThatIsNotWaitedForCanBeFollowedByItsId() throws Exception {
        ApiClient.Response started = api.postJson("/api/execute", Map.of("language", "bash",
                "code", "read line; sleep 1; echo \"got $line\"", "stdin", "input\n", "wait", false));
        assertThat(started.status()).isEqualTo(202);
        String id = started.json().get("id").asString();
        assertThat(started.json().get("status_url").asString()).isEqualTo("/api/executions/" + id);
        assertThat(api.get("/api/executions/" + id).json().get("status").asString()).isEqualTo("RUNNING");

        JsonNode result = awaitResult(api, id);
        assertThat(result.get("status").asString()).isEqualTo("OK");
        assertThat(result.get("stdout").asString()).isEqualTo("got input\n");
        assertThat(api.get("/api/executions/unknown-id").status()).isEqualTo(404);
    }

    @Test
    void theInputGivenIsAllTheInput() throws Exception {
        String id = api.postJson("/api/execute", Map.of("language", "bash", "code", "cat; echo end", "wait", false))
                .json().get("id").asString();
        assertThat(awaitResult(api, id).get("stdout").asString()).isEqualTo("end\n");
    }

    @Test
    void aUsersRunIsTheirsAndGoesIntoTheirHistory() throws Exception {
        ApiClient owner = newUser("async-owner");
        String id = owner.postJson("/api/execute", Map.of("language", "bash", "code", "echo mine", "wait", false))
                .json().get("id").asString();
        JsonNode result = awaitResult(owner, id);
        assertThat(result.get("stdout").asString()).isEqualTo("mine\n");
        assertThat(newUser("async-other").get("/api/executions/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/executions/" + id).status()).isEqualTo(404);
        assertThat(owner.get("/executions").json().get(0).get("stdout").asString()).isEqualTo("mine\n");
    }

    @Test
    void callbacksAreRefusedUntilTheAdministratorAllowsThem() {
        ApiClient.Response refused = api.postJson("/api/execute", Map.of("language", "bash", "code", "echo hi", "wait", false,
                "callback_url", "http://127.0.0.1:9/hook"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("CODERUNNER_CALLBACK_ALLOWED_URLS");
    }
}
