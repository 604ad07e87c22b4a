package io.coderunner.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The installation's providers (here two stubs: an OpenAI-compatible one and a Gemini one, in that
 * order) serve users without a configuration of their own, and take over when a user's fails; the
 * tier's daily AI requests (4 for Free here) are counted and enforced.
 */
class AiFallbackTests extends ServerTest {

    private static final ProviderStub FIRST = ProviderStub.start();
    private static final ProviderStub SECOND = ProviderStub.start();

    @DynamicPropertySource
    static void fallbacks(DynamicPropertyRegistry registry) {
        registry.add("coderunner.ai.fallback-order", () -> "first-fallback, second-fallback, not-configured");
        registry.add("coderunner.ai.servers.first-fallback.provider", () -> "openai-compatible");
        registry.add("coderunner.ai.servers.first-fallback.base-url", () -> FIRST.baseUrl() + "/v1");
        registry.add("coderunner.ai.servers.first-fallback.api-key", () -> "server-key-first-1111");
        registry.add("coderunner.ai.servers.first-fallback.model", () -> "first-model");
        registry.add("coderunner.ai.servers.second-fallback.provider", () -> "gemini");
        registry.add("coderunner.ai.servers.second-fallback.base-url", () -> SECOND.baseUrl() + "/v1beta");
        registry.add("coderunner.ai.servers.second-fallback.api-key", () -> "server-key-second-2222");
        registry.add("coderunner.ai.servers.second-fallback.model", () -> "second-model");
        registry.add("coderunner.ai.servers.not-configured.provider", () -> "openai");
        registry.add("coderunner.ai.servers.not-configured.model", () -> "gpt");
        registry.add("coderunner.tiers.levels.1.daily-ai-requests", () -> "4");
    }

    @AfterAll
    static void stopStubs() {
        FIRST.close();
        SECOND.close();
    }

    private static ApiClient.Response generate(ApiClient user) {
        return user.postJson("/ai/generate-code", Map.of("prompt", "add two numbers", "language", "python"));
    }

    @Test
    void aUserWithoutAConfigurationGetsTheFirstServerProvider() {
        ApiClient user = newUser("fallback-plain");
        FIRST.replies(Wire.openAi("```python\nprint(1 + 2)\n```\nAdds.", 4, 5));
        SECOND.replies(Wire.status(500, "{}"));

        ApiClient.Response response = generate(user);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("provider_name").asString()).isEqualTo("first-fallback");
        assertThat(response.json().get("code").asString()).isEqualTo("print(1 + 2)");
        assertThat(FIRST.last().header("Authorization")).isEqualTo("Bearer server-key-first-1111");
        assertThat(SECOND.received()).isEmpty();
    }

    @Test
    void aRateLimitedProviderFallsThroughToTheNext() {
        ApiClient user = newUser("fallback-429");
        FIRST.replies(Wire.status(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\"}}"));
        SECOND.replies(Wire.gemini("```python\nprint(3)\n```\nPrints three.", 2, 2));

        ApiClient.Response response = generate(user);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("provider_name").asString()).isEqualTo("second-fallback");
        assertThat(response.json().get("provider").asString()).isEqualTo("gemini");
        JsonNode failed = response.json().get("failed_providers");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("name").asString()).isEqualTo("first-fallback");
        assertThat(failed.get(0).get("reason").asString()).isEqualTo("rate_limited");
        assertThat(failed.get(0).get("message").asString()).contains("429");
        assertThat(FIRST.received()).hasSize(1);
        assertThat(SECOND.received()).hasSize(1);
    }

    @Test
    void aUsersOwnFailingProviderIsFollowedByTheServers() {
        ApiClient user = newUser("fallback-own");
        try (ProviderStub own = ProviderStub.start()) {
            own.replies(Wire.status(503, "{\"error\":\"overloaded\"}"));
            user.postJson("/ai-configs", Map.of("config_name", "own anthropic", "provider", "anthropic", "model_name", "claude",
                    "api_key", "sk-ant-own-3333", "base_url", own.baseUrl() + "/v1"));
            FIRST.replies(Wire.openAi("It adds.", 1, 1));

            ApiClient.Response response = user.postJson("/api/ai/assist", Map.of("action", "explain_code", "code", "a + b"));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("provider_name").asString()).isEqualTo("first-fallback");
            assertThat(response.json().get("failed_providers").get(0).get("name").asString()).isEqualTo("own anthropic");
            assertThat(response.json().get("failed_providers").get(0).get("reason").asString()).isEqualTo("provider_error");
            assertThat(own.received()).hasSize(1);
        }
        JsonNode config = user.get("/ai-configs").json().get(0);
        assertThat(config.get("request_count").asLong()).as("the failed request is counted for the configuration").isEqualTo(1);
    }

    @Test
    void whenEveryProviderFailsTheAnswerListsEachAndWhy() {
        ApiClient user = newUser("fallback-all-fail");
        try (ProviderStub own = ProviderStub.start()) {
            own.replies(Wire.status(401, "{\"error\":{\"message\":\"invalid x-api-key\"}}"));
            user.postJson("/ai-configs", Map.of("config_name", "own key", "provider", "anthropic", "model_name", "claude",
                    "api_key", "sk-ant-bad-4444", "base_url", own.baseUrl() + "/v1"));
            FIRST.replies(Wire.status(429, "{}"));
            SECOND.replies(Wire.status(502, "{}"));

            ApiClient.Response response = generate(user);

            assertThat(response.status()).isEqualTo(502);
            JsonNode failed = response.json().get("failed_providers");
            assertThat(failed).hasSize(3);
            assertThat(failed.get(0).get("reason").asString()).isEqualTo("wrong_key");
            assertThat(failed.get(1).get("reason").asString()).isEqualTo("rate_limited");
            assertThat(failed.get(2).get("reason").asString()).isEqualTo("provider_error");
            assertThat(response.detail()).contains("own key (anthropic): the provider refused the API key")
                    .contains("first-fallback (openai-compatible): rate limited or out of quota")
                    .contains("second-fallback (gemini): the provider failed (HTTP 502)");
        }
    }

    @Test
    void statusListsTheUsersThenTheServersProvidersWithoutUnconfiguredOnes() {
        ApiClient user = newUser("fallback-status");
        JsonNode status = user.get("/api/ai/status").json();

        assertThat(status.get("available").asBoolean()).isTrue();
        assertThat(status.get("providers")).hasSize(2);
        assertThat(status.get("providers").get(0).get("name").asString()).isEqualTo("first-fallback");
        assertThat(status.get("providers").get(0).get("source").asString()).isEqualTo("server");
        assertThat(status.get("providers").get(1).get("provider").asString()).isEqualTo("gemini");
        assertThat(status.toString()).doesNotContain("server-key-first-1111");
    }

    @Test
    void aConfigurationIsTestedAloneWithATinyRealRequestAndSaysWhyItFails() {
        ApiClient user = newUser("fallback-test");
        try (ProviderStub own = ProviderStub.start()) {
            long id = user.postJson("/ai-configs", Map.of("config_name", "mine", "provider", "openai-compatible",
                    "model_name", "local-model", "api_key", "sk-test-4444", "base_url", own.baseUrl() + "/v1"))
                    .json().get("id").asLong();
            own.replies(Wire.openAi("OK", 3, 1));
            FIRST.replies(Wire.openAi("not me", 1, 1));
            int firstBefore = FIRST.received().size();

            JsonNode ok = user.postJson("/ai-configs/" + id + "/test", Map.of()).json();
            assertThat(ok.get("ok").asBoolean()).as(ok.toString()).isTrue();
            assertThat(ok.get("reply").asString()).isEqualTo("OK");
            assertThat(ok.get("model").asString()).isEqualTo("local-model");
            assertThat(own.received()).hasSize(1);
            assertThat(own.received().get(0).body()).contains("local-model");

            own.replies(Wire.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
            JsonNode refused = user.postJson("/ai-configs/" + id + "/test", Map.of()).json();
            assertThat(refused.get("ok").asBoolean()).isFalse();
            assertThat(refused.get("reason").asString()).isEqualTo("wrong_key");
            assertThat(refused.get("detail").asString()).isNotBlank();
            // Alone: the server's providers were not asked in its place.
            assertThat(FIRST.received()).hasSize(firstBefore);

            assertThat(newUser("fallback-other").postJson("/ai-configs/" + id + "/test", Map.of()).status()).isEqualTo(404);
        }
    }

    @Test
    void theQuickStatusSaysWhatIsConfiguredWithoutReachingAnyProvider() {
        JsonNode status = newUser("fallback-quick").get("/api/ai/status?connect=false").json();
        assertThat(status.get("configured").asBoolean()).isTrue();
        assertThat(status.get("available").asBoolean()).isTrue();
        assertThat(status.get("providers").get(0).get("reachable").isNull()).isTrue();
    }

    @Test
    void theTiersDailyAiRequestsAreEnforced() {
        ApiClient user = newUser("fallback-quota");
        FIRST.replies(Wire.openAi("```python\nprint(1)\n```", 1, 1));
        for (int i = 0; i < 4; i++) {
            assertThat(generate(user).status()).isEqualTo(200);
        }

        ApiClient.Response refused = generate(user);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.detail()).contains("daily AI-request quota of 4 AI requests");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(FIRST.received()).hasSize(4);
        JsonNode stats = user.get("/user-stats").json();
        assertThat(stats.get("daily_ai_requests_limit").asInt()).isEqualTo(4);
        assertThat(stats.get("remaining_ai_requests").asInt()).isZero();
        assertThat(api.get("/user-levels").json().get("1").get("daily_ai_requests").asInt()).isEqualTo(4);
    }
}
