package io.coderunner.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code /ai-configs} (seed 004): seed 000's fields, keys encrypted at rest and masked in answers,
 * at most one active configuration per user however the switches interleave, validation, and no
 * way into another user's configurations.
 */
@ExtendWith(OutputCaptureExtension.class)
class AiConfigsTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    @Value("${coderunner.data-dir}")
    Path dataDir;

    private static Map<String, Object> openAi(String name, String key, boolean active) {
        return Map.of("config_name", name, "provider", "openai", "model_name", "gpt-4o-mini", "api_key", key,
                "is_active", active);
    }

    @Test
    void createListUpdateAndDeleteWithTheKeyMaskedToItsLastFourCharacters() {
        ApiClient user = newUser("aicfg-crud");
        ApiClient.Response created = user.postJson("/ai-configs", Map.of("config_name", "My Qwen", "provider", "qwen",
                "model_name", "qwen-plus", "api_key", "sk-qwen-plain-secret-7a3f", "temperature", 0.3, "max_tokens", 800));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode config = created.json();
        long id = config.get("id").asLong();
        assertThat(config.get("config_name").asString()).isEqualTo("My Qwen");
        assertThat(config.get("provider").asString()).isEqualTo("qwen");
        assertThat(config.get("model_name").asString()).isEqualTo("qwen-plus");
        assertThat(config.get("api_key").asString()).isEqualTo("****7a3f");
        assertThat(config.get("base_url").asString()).isEqualTo("https://dashscope.aliyuncs.com/compatible-mode/v1");
        assertThat(config.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(config.get("max_tokens").asInt()).isEqualTo(800);
        assertThat(config.get("is_active").asBoolean()).as("the first one is active").isTrue();
        assertThat(config.get("created_at").asString()).endsWith("Z");
        assertThat(created.body()).doesNotContain("plain-secret");

        JsonNode listed = user.get("/ai-configs").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.toString()).doesNotContain("plain-secret");

        ApiClient.Response updated = user.putJson("/ai-configs/" + id, Map.of("model_name", "qwen-max", "api_key",
                "sk-qwen-new-secret-9b1c"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("model_name").asString()).isEqualTo("qwen-max");
        assertThat(updated.json().get("api_key").asString()).isEqualTo("****9b1c");
        assertThat(updated.json().get("temperature").asDouble()).as("left out, kept").isEqualTo(0.3);
        assertThat(updated.json().get("config_name").asString()).isEqualTo("My Qwen");

        assertThat(user.delete("/ai-configs/" + id).status()).isEqualTo(200);
        assertThat(user.get("/ai-configs").json()).isEmpty();
        assertThat(user.delete("/ai-configs/" + id).status()).isEqualTo(404);
    }

    @Test
    void withNoProviderAnywhereTheStatusSaysNothingIsConfigured() {
        JsonNode status = newUser("ai-unconfigured").get("/api/ai/status?connect=false").json();
        assertThat(status.get("configured").asBoolean()).isFalse();
        assertThat(status.get("available").asBoolean()).isFalse();
        assertThat(status.get("providers")).isEmpty();
    }

    @Test
    void onlyOneConfigurationIsActiveAndSwitchingMovesIt() {
        ApiClient user = newUser("aicfg-active");
        long first = user.postJson("/ai-configs", openAi("first", "sk-first-key-0001", true)).json().get("id").asLong();
        long second = user.postJson("/ai-configs", openAi("second", "sk-second-key-0002", true)).json().get("id").asLong();
        long third = user.postJson("/ai-configs", openAi("third", "sk-third-key-0003", false)).json().get("id").asLong();

        assertThat(active(user)).containsExactly(second);
        assertThat(user.putJson("/ai-configs/" + third, Map.of("is_active", true)).status()).isEqualTo(200);
        assertThat(active(user)).containsExactly(third);
        assertThat(user.putJson("/ai-configs/" + third, Map.of("is_active", false)).status()).isEqualTo(200);
        assertThat(active(user)).isEmpty();
        assertThat(first).isPositive();
    }

    @Test
    void concurrentSwitchesLeaveExactlyOneActive() throws Exception {
        ApiClient user = newUser("aicfg-race");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(user.postJson("/ai-configs", openAi("c" + i, "sk-race-key-000" + i, false)).json().get("id").asLong());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Callable<Integer>> switches = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (long id : ids) {
                    switches.add(() -> user.putJson("/ai-configs/" + id, Map.of("is_active", true)).status());
                }
            }
            for (Future<Integer> status : pool.invokeAll(switches)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        assertThat(active(user)).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ai_configs WHERE user_id = (SELECT id FROM users WHERE username = ?) "
                + "AND is_active").param("aicfg-race").query(Long.class).single()).isEqualTo(1L);
    }

    private static List<Long> active(ApiClient user) {
        List<Long> active = new ArrayList<>();
        user.get("/ai-configs").json().forEach(c -> {
            if (c.get("is_active").asBoolean()) {
                active.add(c.get("id").asLong());
            }
        });
        return active;
    }

    @Test
    void theKeyIsStoredEncryptedAndAbsentFromTheDatabaseFiles() throws IOException {
        ApiClient user = newUser("aicfg-encrypted");
        String key = "sk-never-in-the-database-5e2d9c";
        long id = user.postJson("/ai-configs", openAi("enc", key, true)).json().get("id").asLong();

        String stored = jdbc.sql("SELECT api_key_encrypted FROM ai_configs WHERE id = ?").param(id).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(key).doesNotContain("5e2d9c");
        assertThat(jdbc.sql("SELECT api_key_hint FROM ai_configs WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("2d9c");
        // On SQLite, the database is files in the data directory (with its write-ahead log): none holds the key.
        List<Path> files;
        try (Stream<Path> list = Files.list(dataDir)) {
            files = list.filter(f -> f.getFileName().toString().startsWith("coderunner.db")).toList();
        }
        for (Path file : files) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(key);
        }
    }

    @Test
    void theKeyIsNeverLogged(CapturedOutput output) {
        ApiClient user = newUser("aicfg-logged");
        String key = "sk-never-in-the-log-8f41aa";
        try (ProviderStub stub = ProviderStub.start()) {
            long id = user.postJson("/ai-configs", Map.of("config_name", "logged", "provider", "openai", "model_name", "m",
                    "api_key", key, "base_url", stub.baseUrl() + "/v1")).json().get("id").asLong();
            stub.replies(Wire.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\"}}"));
            assertThat(user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python")).status()).isEqualTo(502);
            stub.replies(Wire.status(500, "{\"error\":\"boom " + key + "\"}"));
            assertThat(user.postJson("/api/ai/assist", Map.of("action", "explain_code", "code", "x")).status()).isEqualTo(502);
            stub.replies(Wire.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\"}}"));
            String streamed = user.send(user.request("/ai/generate-code").header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"prompt\":\"x\",\"language\":\"python\"}"))).body();
            assertThat(streamed).contains("event:error").doesNotContain(key);
            user.putJson("/ai-configs/" + id, Map.of("api_key", key + "-2"));
            user.get("/api/ai/status");
            user.delete("/ai-configs/" + id);
            assertThat(stub.received()).isNotEmpty();
        }
        assertThat(output.getAll()).contains("AI provider logged").doesNotContain(key).doesNotContain("8f41aa");
        assertThat(user.get("/profile/logs").body()).contains("create_ai_config").contains("update_ai_config")
                .contains("delete_ai_config").doesNotContain(key);
    }

    @Test
    void badFieldsAreRefusedNamingTheProblem() {
        ApiClient user = newUser("aicfg-bad");
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "skynet", "model_name", "m",
                "api_key", "sk-12345678")).detail()).contains("unknown provider 'skynet'").contains("openai-compatible");
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "openai", "model_name", "m")).detail())
                .contains("api_key is required");
        assertThat(user.postJson("/ai-configs", Map.of("provider", "openai", "model_name", "m", "api_key", "sk-12345678"))
                .detail()).contains("config_name is required");
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "openai-compatible", "model_name", "m"))
                .detail()).contains("base_url is required");
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "openai", "model_name", "m",
                "api_key", "sk-12345678", "base_url", "ftp://example.com/v1")).detail()).contains("https://");
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "openai", "model_name", "m",
                "api_key", "sk-12345678", "base_url", "not a url")).status()).isEqualTo(400);
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "openai", "model_name", "m",
                "api_key", "sk-12345678", "base_url", "https://user:pw@example.com/v1")).detail()).contains("user name");
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "openai", "model_name", "m",
                "api_key", "sk-12345678", "temperature", 3)).detail()).contains("temperature must be between 0 and 2");
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "openai", "model_name", "m",
                "api_key", "sk-12345678", "max_tokens", 0)).detail()).contains("max_tokens");
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "x", "provider", "openai", "model_name", "m",
                "api_key", "sk 1234 5678")).detail()).contains("api_key");
        assertThat(user.post("/ai-configs", "{\"config_name\": [1,2]").status()).isEqualTo(400);
        assertThat(user.get("/ai-configs").json()).isEmpty();
    }

    @Test
    void anotherUsersConfigurationIsNotFound() {
        ApiClient owner = newUser("aicfg-owner");
        ApiClient other = newUser("aicfg-other");
        long id = owner.postJson("/ai-configs", openAi("mine", "sk-owner-key-4242", true)).json().get("id").asLong();

        assertThat(other.putJson("/ai-configs/" + id, Map.of("is_active", true)).status()).isEqualTo(404);
        assertThat(other.delete("/ai-configs/" + id).status()).isEqualTo(404);
        assertThat(other.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python", "config_id", id)).status())
                .isEqualTo(404);
        assertThat(other.get("/ai-configs").json()).isEmpty();
        assertThat(owner.get("/ai-configs").json()).hasSize(1);
        assertThat(api.get("/ai-configs").status()).isEqualTo(401);
    }
}
