package io.coderunner.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Code generation and the assistant against stub providers on loopback that speak each provider's
 * wire protocol: what is sent (path, key, model, temperature, max_tokens), how the answer is split
 * into code and explanation, streaming as Server-Sent Events, and each kind of failure in words a
 * user can act on. The test server allows private base URLs and has no server-wide providers.
 */
class AiGenerationTests extends ServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ANSWER = "Here it is:\n```python\nprint('hello')\n```\nIt prints a greeting.";

    private ProviderStub stub;

    @BeforeEach
    void startStub() {
        stub = ProviderStub.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private long config(ApiClient user, String provider, String baseUrl, String key, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("config_name", provider + " stub", "provider", provider,
                "model_name", "model-x", "base_url", baseUrl, "is_active", true));
        if (key != null) {
            body.put("api_key", key);
        }
        body.putAll(extra);
        ApiClient.Response created = user.postJson("/ai-configs", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    private static JsonNode sent(ProviderStub.Received received) {
        return JSON.readTree(received.body());
    }

    private static ApiClient.Response streamed(ApiClient user, String path, Object body) {
        return user.send(user.request(path).header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    @Test
    void openAiGeneratesCodeWithTheConfiguredTemperatureAndMaxTokensAndCountsTheUse() {
        ApiClient user = newUser("ai-openai");
        long id = config(user, "openai", stub.baseUrl() + "/v1", "sk-openai-secret-1234", Map.of("temperature", 0.25,
                "max_tokens", 321));
        stub.replies(Wire.openAi(ANSWER, 11, 22));

        ApiClient.Response response = user.postJson("/ai/generate-code", Map.of("prompt", "print hello", "language", "python",
                "code", "# start"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("code").asString()).isEqualTo("print('hello')");
        assertThat(result.get("explanation").asString()).contains("Here it is:").contains("It prints a greeting.");
        assertThat(result.get("provider").asString()).isEqualTo("openai");
        assertThat(result.get("input_tokens").asInt()).isEqualTo(11);
        assertThat(result.get("output_tokens").asInt()).isEqualTo(22);

        ProviderStub.Received request = stub.last();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-openai-secret-1234");
        JsonNode body = sent(request);
        assertThat(body.get("model").asString()).isEqualTo("model-x");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.25);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(321);
        assertThat(body.toString()).contains("print hello").contains("# start");

        JsonNode listed = user.get("/ai-configs").json().get(0);
        assertThat(listed.get("id").asLong()).isEqualTo(id);
        assertThat(listed.get("request_count").asLong()).isEqualTo(1);
        assertThat(listed.get("input_tokens").asLong()).isEqualTo(11);
        assertThat(listed.get("output_tokens").asLong()).isEqualTo(22);
        assertThat(user.get("/user-stats").json().get("today_ai_requests").asInt()).isEqualTo(1);
    }

    @Test
    void aRequestsOwnTemperatureAndMaxTokensWin() {
        ApiClient user = newUser("ai-params");
        config(user, "openai-compatible", stub.baseUrl(), null, Map.of("temperature", 0.9, "max_tokens", 50));
        stub.replies(Wire.openAi(ANSWER, 1, 1));

        assertThat(user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python", "temperature", 0.1,
                "max_tokens", 77)).status()).isEqualTo(200);

        JsonNode body = sent(stub.last());
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.1);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(77);
        assertThat(stub.last().header("Authorization")).as("no key configured, none sent").isNull();
    }

    @Test
    void anthropicMessagesAnswerTheAssistantsFixError() {
        ApiClient user = newUser("ai-anthropic");
        config(user, "anthropic", stub.baseUrl() + "/v1", "sk-ant-secret-5678", Map.of("max_tokens", 500));
        stub.replies(Wire.anthropic("```python\nprint(1 + 1)\n```\nThe string and the number could not be added.", 5, 7));

        ApiClient.Response response = user.postJson("/api/ai/assist", Map.of("action", "fix_error", "language", "python",
                "code", "print('1' + 1)", "error", "TypeError: can only concatenate str (not \"int\") to str"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("action").asString()).isEqualTo("fix_error");
        assertThat(response.json().get("code").asString()).isEqualTo("print(1 + 1)");
        assertThat(response.json().get("explanation").asString()).contains("could not be added");
        ProviderStub.Received request = stub.last();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-secret-5678");
        assertThat(request.header("anthropic-version")).isNotBlank();
        assertThat(sent(request).get("max_tokens").asInt()).isEqualTo(500);
        assertThat(sent(request).toString()).contains("TypeError");
    }

    @Test
    void geminiGenerateContentExplainsAnError() {
        ApiClient user = newUser("ai-gemini");
        config(user, "gemini", stub.baseUrl() + "/v1beta", "AIza-gemini-secret-9012", Map.of("temperature", 0.5));
        stub.replies(Wire.gemini("The name x is used before it is given a value.", 3, 4));

        ApiClient.Response response = user.postJson("/api/ai/assist", Map.of("action", "explain_error", "language", "python",
                "error", "NameError: name 'x' is not defined"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("code").isNull()).isTrue();
        assertThat(response.json().get("explanation").asString()).isEqualTo("The name x is used before it is given a value.");
        ProviderStub.Received request = stub.last();
        assertThat(request.path()).isEqualTo("/v1beta/models/model-x:generateContent");
        assertThat(request.header("x-goog-api-key")).isEqualTo("AIza-gemini-secret-9012");
        assertThat(sent(request).get("generationConfig").get("temperature").asDouble()).isEqualTo(0.5);
    }

    @Test
    void ollamaChatExplainsCode() {
        ApiClient user = newUser("ai-ollama");
        config(user, "ollama", stub.baseUrl(), null, Map.of("max_tokens", 64));
        stub.replies(Wire.ollama("It adds two numbers.", 2, 3));

        ApiClient.Response response = user.postJson("/api/ai/assist", Map.of("action", "explain_code", "language", "python",
                "code", "print(1 + 2)"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("explanation").asString()).isEqualTo("It adds two numbers.");
        assertThat(stub.last().path()).isEqualTo("/api/chat");
        assertThat(sent(stub.last()).get("options").get("num_predict").asInt()).isEqualTo(64);
    }

    @Test
    void openAiStreamsTokenByTokenThenTheWholeResult() {
        ApiClient user = newUser("ai-stream-openai");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-stream-secret-0001", Map.of());
        List<String> tokens = List.of("```python\n", "print('hel", "lo')\n```", "\nIt prints.");
        stub.replies(Wire.openAiStream(tokens, 9, 4));

        ApiClient.Response response = streamed(user, "/ai/generate-code", Map.of("prompt", "hello", "language", "python"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        List<Sse> events = Sse.parse(response.body());
        assertThat(events.stream().filter(e -> e.name().equals("token")).count()).isEqualTo(tokens.size());
        assertThat(Sse.tokens(events)).isEqualTo(String.join("", tokens));
        Sse last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("result");
        assertThat(last.data().get("code").asString()).isEqualTo("print('hello')");
        assertThat(last.data().get("explanation").asString()).isEqualTo("It prints.");
        assertThat(last.data().get("output_tokens").asInt()).isEqualTo(4);
        assertThat(sent(stub.last()).get("stream").asBoolean()).isTrue();
    }

    @Test
    void aStreamIsSentUncompressedEvenToAClientThatTakesGzip() {
        // A compressor would hold the events back until it has a block: streams are left out of compression.
        ApiClient user = newUser("ai-stream-plain");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-stream-plain-0011", Map.of());
        List<String> tokens = List.of("```python\n", "print(1)\n```", "\n" + "Prints one. ".repeat(200));
        stub.replies(Wire.openAiStream(tokens, 3, 3));

        ApiClient.Response response = user.send(user.request("/ai/generate-code").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").header("Accept-Encoding", "gzip, deflate, br")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("prompt", "one", "language", "python")))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        assertThat(response.header("Content-Encoding")).isNull();
        assertThat(response.body().length()).as("past the size from which JSON is compressed").isGreaterThan(1024);
        assertThat(Sse.tokens(Sse.parse(response.body()))).isEqualTo(String.join("", tokens));
    }

    @Test
    void anthropicGeminiAndOllamaStreamToo() {
        List<String> tokens = List.of("It ", "adds ", "numbers.");
        for (String provider : List.of("anthropic", "gemini", "ollama")) {
            ApiClient user = newUser("ai-stream-" + provider);
            String base = switch (provider) {
                case "anthropic" -> stub.baseUrl() + "/v1";
                case "gemini" -> stub.baseUrl() + "/v1beta";
                default -> stub.baseUrl();
            };
            config(user, provider, base, provider.equals("ollama") ? null : "key-" + provider + "-secret", Map.of());
            stub.replies(switch (provider) {
                case "anthropic" -> Wire.anthropicStream(tokens, 3, 3);
                case "gemini" -> Wire.geminiStream(tokens, 3, 3);
                default -> Wire.ollamaStream(tokens, 3, 3);
            });

            ApiClient.Response response = streamed(user, "/api/ai/assist", Map.of("action", "explain_code",
                    "language", "python", "code", "print(1 + 2)"));

            List<Sse> events = Sse.parse(response.body());
            assertThat(Sse.tokens(events)).as(provider + ": " + response.body()).isEqualTo("It adds numbers.");
            assertThat(events.get(events.size() - 1).name()).as(provider).isEqualTo("result");
            assertThat(events.get(events.size() - 1).data().get("explanation").asString()).isEqualTo("It adds numbers.");
            if (provider.equals("gemini")) {
                assertThat(stub.last().path()).isEqualTo("/v1beta/models/model-x:streamGenerateContent?alt=sse");
            }
        }
    }

    @Test
    void aWrongKeyIsReportedAsSuchWithTheProvidersStatus() {
        ApiClient user = newUser("ai-wrong-key");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-wrong-key-0000", Map.of());
        stub.replies(Wire.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                + "\"code\":\"invalid_api_key\"}}"));

        ApiClient.Response response = user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python"));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.detail()).contains("openai stub").contains("refused the API key").contains("401");
        JsonNode failure = response.json().get("failed_providers").get(0);
        assertThat(failure.get("reason").asString()).isEqualTo("wrong_key");
        assertThat(failure.get("name").asString()).isEqualTo("openai stub");
    }

    @Test
    void aWrongKeyWhileStreamingEndsWithAnErrorEvent() {
        ApiClient user = newUser("ai-stream-error");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-wrong-key-0001", Map.of());
        stub.replies(Wire.status(403, "{\"error\":{\"message\":\"forbidden\"}}"));

        List<Sse> events = Sse.parse(streamed(user, "/ai/generate-code", Map.of("prompt", "x", "language", "python")).body());

        assertThat(events).hasSize(1);
        assertThat(events.get(0).name()).isEqualTo("error");
        assertThat(events.get(0).data().get("status").asInt()).isEqualTo(502);
        assertThat(events.get(0).data().get("failed_providers").get(0).get("reason").asString()).isEqualTo("wrong_key");
    }

    @Test
    void aProviderSlowerThanTheTimeoutIsReportedAsATimeout() {
        ApiClient user = newUser("ai-timeout");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-slow-key-0002", Map.of());
        stub.replies(Wire.openAi(ANSWER, 1, 1).after(Duration.ofSeconds(6)));

        ApiClient.Response response = user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python"));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("failed_providers").get(0).get("reason").asString()).isEqualTo("timeout");
        assertThat(response.detail()).contains("no answer within 3 seconds");
    }

    @Test
    void aMalformedAnswerIsReportedAsSuch() {
        ApiClient user = newUser("ai-malformed");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-malformed-0003", Map.of());
        for (ProviderStub.Reply reply : List.of(Wire.status(200, "this is not JSON at all"),
                Wire.status(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}"))) {
            stub.replies(reply);

            ApiClient.Response response = user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python"));

            assertThat(response.status()).as(reply.chunks().toString()).isEqualTo(502);
            assertThat(response.json().get("failed_providers").get(0).get("reason").asString())
                    .as(response.body()).isEqualTo("malformed");
        }
    }

    @Test
    void anEndlessAnswerIsCutOffAndReported() {
        ApiClient user = newUser("ai-too-large");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-too-large-0006", Map.of());
        stub.replies(Wire.openAi("x".repeat(5 * 1024 * 1024), 1, 1));

        ApiClient.Response plain = user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python"));

        assertThat(plain.status()).isEqualTo(502);
        assertThat(plain.json().get("failed_providers").get(0).get("reason").asString()).isEqualTo("too_large");

        stub.replies(new ProviderStub.Reply(200, "text/event-stream", List.of("data: " + "y".repeat(33 * 1024 * 1024)),
                Duration.ZERO));
        List<Sse> events = Sse.parse(streamed(user, "/ai/generate-code", Map.of("prompt", "x", "language", "python")).body());

        assertThat(events.get(events.size() - 1).name()).isEqualTo("error");
        assertThat(events.get(events.size() - 1).data().get("failed_providers").get(0).get("reason").asString())
                .isEqualTo("too_large");
    }

    @Test
    void anUnreachableProviderIsReportedAsSuch() {
        ApiClient user = newUser("ai-unreachable");
        String base = stub.baseUrl();
        stub.close();
        config(user, "openai-compatible", base, null, Map.of());

        ApiClient.Response response = user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python"));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("failed_providers").get(0).get("reason").asString()).isEqualTo("unreachable");
        stub = ProviderStub.start();
    }

    @Test
    void withoutAnyProviderTheAnswerSaysHowToAddOne() {
        ApiClient user = newUser("ai-none");

        ApiClient.Response response = user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.detail()).contains("POST /ai-configs");
        assertThat(user.get("/user-stats").json().get("today_ai_requests").asInt()).as("nothing asked, nothing taken").isZero();
    }

    @Test
    void badRequestsAreRefusedBeforeAnyProviderIsAsked() {
        ApiClient user = newUser("ai-bad-requests");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-bad-requests-04", Map.of());
        stub.replies(Wire.openAi(ANSWER, 1, 1));

        assertThat(user.postJson("/ai/generate-code", Map.of("language", "python")).detail()).contains("prompt is required");
        assertThat(user.postJson("/ai/generate-code", Map.of("prompt", "x")).detail()).contains("language is required");
        assertThat(user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "py<script>")).status()).isEqualTo(400);
        assertThat(user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python", "temperature", 5)).detail())
                .contains("temperature");
        assertThat(user.postJson("/api/ai/assist", Map.of("action", "delete_everything", "code", "x")).detail())
                .contains("fix_error, explain_error, explain_code, optimize_code");
        assertThat(user.postJson("/api/ai/assist", Map.of("action", "fix_error", "code", "x")).detail())
                .contains("error");
        assertThat(user.postJson("/api/ai/assist", Map.of("action", "optimize_code")).detail()).contains("code is required");
        assertThat(user.postJson("/ai/generate-code", Map.of("prompt", "x", "language", "python", "config_id", 999999)).status())
                .isEqualTo(404);
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void aBadStreamingRequestIsRefusedAsAProblemBeforeAnyEvent() {
        ApiClient user = newUser("ai-stream-bad");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-stream-bad-0007", Map.of());
        stub.replies(Wire.openAi(ANSWER, 1, 1));

        ApiClient.Response response = streamed(user, "/api/ai/assist", Map.of("action", "rewrite_in_cobol", "code", "x"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("action must be one of");
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void statusListsTheCallersProvidersAndWhetherTheyAreReachable() {
        ApiClient user = newUser("ai-status");
        config(user, "openai", stub.baseUrl() + "/v1", "sk-status-key-0005", Map.of());

        JsonNode status = user.get("/api/ai/status").json();

        assertThat(status.get("available").asBoolean()).isTrue();
        assertThat(status.get("providers").get(0).get("name").asString()).isEqualTo("openai stub");
        assertThat(status.get("providers").get(0).get("reachable").asBoolean()).isTrue();
        assertThat(status.toString()).doesNotContain("sk-status-key-0005");

        stub.close();
        JsonNode down = user.get("/api/ai/status").json();
        assertThat(down.get("available").asBoolean()).isFalse();
        assertThat(down.get("providers").get(0).get("reachable").asBoolean()).isFalse();
        stub = ProviderStub.start();
    }
}
