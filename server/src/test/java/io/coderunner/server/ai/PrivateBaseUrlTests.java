package io.coderunner.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With private base URLs not allowed (the default of an installation), no user can aim the server
 * at loopback, private, link-local or cloud-metadata addresses.
 */
@TestPropertySource(properties = "coderunner.ai.allow-private-base-urls=false")
class PrivateBaseUrlTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void internalAddressesAreRefusedWithAClearMessage() {
        ApiClient user = newUser("private-urls");
        for (String url : List.of("http://127.0.0.1:11434", "http://localhost:8000/v1", "http://169.254.169.254/latest",
                "http://10.1.2.3/v1", "http://192.168.0.10:8080", "http://172.16.5.4", "http://[::1]:11434",
                "http://[fd00::1]/v1", "http://100.64.0.1", "http://0.0.0.0:8000", "http://[::ffff:127.0.0.1]/",
                "http://[::127.0.0.1]:5432", "http://[::ffff:0:127.0.0.1]/", "http://[64:ff9b::169.254.169.254]/latest",
                "http://[2002:7f00:1::]:6379", "http://[2002:a9fe:a9fe::]/", "http://[0:0:0:0:0:0:7f00:1]/")) {
            ApiClient.Response response = user.postJson("/ai-configs", Map.of("config_name", "internal", "provider", "ollama",
                    "model_name", "llama3.2", "base_url", url));

            assertThat(response.status()).as(url + ": " + response.body()).isEqualTo(400);
            assertThat(response.detail()).as(url).contains("internal address")
                    .contains("CODERUNNER_AI_ALLOW_PRIVATE_BASE_URLS=true");
        }
        assertThat(user.postJson("/ai-configs", Map.of("config_name", "nowhere", "provider", "openai-compatible",
                "model_name", "m", "base_url", "https://no-such-host.invalid/v1")).detail()).contains("cannot be resolved");
        assertThat(user.get("/ai-configs").json()).isEmpty();
    }

    /**
     * A name that resolved to a public address when the configuration was saved may resolve to an
     * internal one later (DNS rebinding): each request checks again. Here the row is written as if
     * the check had passed when it was saved.
     */
    @Test
    void theAddressIsCheckedAgainBeforeEachRequest() {
        ApiClient user = newUser("private-urls-rebind");
        long userId = jdbc.sql("SELECT id FROM users WHERE username = ?").param("private-urls-rebind").query(Long.class).single();
        try (ProviderStub stub = ProviderStub.start()) {
            stub.replies(Wire.openAi("print(1)", 1, 1));
            jdbc.sql("""
                    INSERT INTO ai_configs (user_id, config_name, provider, model_name, base_url, is_active, created_at, updated_at)
                    VALUES (?, 'rebound', 'openai-compatible', 'm', ?, TRUE, 0, 0)""").params(userId, stub.baseUrl()).update();

            ApiClient.Response response = user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python"));

            assertThat(response.status()).isEqualTo(502);
            assertThat(response.json().get("failed_providers").get(0).get("reason").asString()).isEqualTo("blocked_address");
            assertThat(response.detail()).contains("internal address");
            assertThat(user.get("/api/ai/status").json().get("providers").get(0).get("reachable").asBoolean()).isFalse();
            assertThat(stub.received()).isEmpty();
        }
    }

    @Test
    void aProvidersPublicAddressNeedsNoBaseUrl() {
        ApiClient user = newUser("private-urls-default");
        ApiClient.Response response = user.postJson("/ai-configs", Map.of("config_name", "groq", "provider", "groq",
                "model_name", "llama-3.3-70b-versatile", "api_key", "gsk_test_key_123456"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("base_url").asString()).isEqualTo("https://api.groq.com/openai/v1");
        long id = response.json().get("id").asLong();
        assertThat(user.putJson("/ai-configs/" + id, Map.of("base_url", "http://127.0.0.1:9/v1")).status()).isEqualTo(400);
    }
}
