package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs of callers who are not signed in: the anonymous tier's limits, its rate per address, its share of the slots. */
@DatabaseAgnostic
class AnonymousTierTests extends ServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void smallAnonymousTier(DynamicPropertyRegistry registry) {
        registry.add("coderunner.anonymous.timeout-seconds", () -> "4");
        registry.add("coderunner.anonymous.runs-per-minute-per-ip", () -> "4");
        registry.add("coderunner.anonymous.slots", () -> "1");
        registry.add("coderunner.sandbox.slots", () -> "2");
    }

    private record Answer(int status, JsonNode json) {
    }

    private Answer anonymous(String from, Map<String, Object> body) throws Exception {
        HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/execute"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    void anAnonymousRunAskingForFiveMinutesAndAGibibyteGetsTheAnonymousTiersFigures() throws Exception {
        Answer answer = anonymous("127.0.0.41", Map.of("language", "bash", "code", "sleep 40",
                "limits", Map.of("wall_time_ms", 300_000, "cpu_time_ms", 300_000, "memory_bytes", 1024L * 1024 * 1024)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asString()).isEqualTo("TIME_LIMIT");
        assertThat(answer.json().get("reason").asString()).contains("4000 ms");
    }

    @Test
    void oneAddressMayStartOnlySoManyAnonymousRunsAMinute() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(anonymous("127.0.0.42", Map.of("language", "bash", "code", "echo " + i)).status()).isEqualTo(200);
        }
        Answer refused = anonymous("127.0.0.42", Map.of("language", "bash", "code", "echo again"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("too many anonymous runs from this address: at most 4 a minute");
        // Another address is not affected.
        assertThat(anonymous("127.0.0.43", Map.of("language", "bash", "code", "echo other")).status()).isEqualTo(200);
    }

    @Test
    void anonymousSleepersCannotKeepASignedInUsersRunWaiting() throws Exception {
        ApiClient user = newUser("fairshare");
        Answer sleeper = anonymous("127.0.0.44", Map.of("language", "bash", "code", "sleep 30", "wait", false));
        assertThat(sleeper.status()).isEqualTo(202);
        String id = sleeper.json().get("id").asString();
        // The anonymous share (one of the two slots) is taken: a second anonymous sleeper is refused, not queued.
        Answer second = anonymous("127.0.0.45", Map.of("language", "bash", "code", "sleep 30", "wait", false));
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().get("detail").asString()).contains("anonymous runs may use 1 of the 2 execution slots");

        // A signed-in user's run gets the other slot and ends while the sleeper still runs.
        ApiClient.Response quick = user.postJson("/api/execute", Map.of("language", "bash", "code", "echo quick"));
        assertThat(quick.status()).isEqualTo(200);
        assertThat(quick.json().get("stdout").asString()).isEqualTo("quick\n");
        assertThat(api.get("/api/executions/" + id).json().get("status").asString()).isEqualTo("RUNNING");

        // Nothing of this test runs on into the next one's.
        assertThat(api.postJson("/api/execute/stop/" + id, Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !api.get("/api/executions/" + id).json().get("status").asString().equals("RUNNING"));
    }
}
