package io.coderunner.server.ai;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds a LangChain4j model for one request from a {@link ProviderTarget}: its own base URL, key,
 * model, temperature and max_tokens. Retries are off (the chain moves on to the next provider
 * instead), requests and answers are never logged (they carry the key), and the transport
 * ({@link BoundedHttpClient}) follows no redirect and reads a bounded answer.
 */
@Component
class ChatModels {

    private final Duration timeout;

    ChatModels(AiSettings settings) {
        this.timeout = settings.timeout();
    }

    ChatModel chat(ProviderTarget t) {
        return switch (t.provider().protocol()) {
            case OPENAI -> OpenAiChatModel.builder().httpClientBuilder(http()).baseUrl(t.baseUrl()).apiKey(t.apiKey())
                    .modelName(t.model()).temperature(t.temperature()).maxTokens(t.maxTokens())
                    .timeout(timeout).maxRetries(0).logRequests(false).logResponses(false).build();
            case ANTHROPIC -> AnthropicChatModel.builder().httpClientBuilder(http()).baseUrl(t.baseUrl())
                    .apiKey(t.apiKey()).modelName(t.model()).temperature(t.temperature()).maxTokens(t.maxTokens())
                    .timeout(timeout).maxRetries(0).logRequests(false).logResponses(false).build();
            case GEMINI -> GoogleAiGeminiChatModel.builder().httpClientBuilder(http()).baseUrl(t.baseUrl())
                    .apiKey(t.apiKey()).modelName(t.model()).temperature(t.temperature()).maxOutputTokens(t.maxTokens())
                    .timeout(timeout).maxRetries(0).logRequestsAndResponses(false).build();
            case OLLAMA -> OllamaChatModel.builder().httpClientBuilder(http()).baseUrl(t.baseUrl())
                    .customHeaders(bearer(t)).modelName(t.model()).temperature(t.temperature()).numPredict(t.maxTokens())
                    .timeout(timeout).maxRetries(0).logRequests(false).logResponses(false).build();
        };
    }

    StreamingChatModel streaming(ProviderTarget t) {
        return switch (t.provider().protocol()) {
            case OPENAI -> OpenAiStreamingChatModel.builder().httpClientBuilder(http()).baseUrl(t.baseUrl())
                    .apiKey(t.apiKey()).modelName(t.model()).temperature(t.temperature()).maxTokens(t.maxTokens())
                    .timeout(timeout).logRequests(false).logResponses(false).build();
            case ANTHROPIC -> AnthropicStreamingChatModel.builder().httpClientBuilder(http()).baseUrl(t.baseUrl())
                    .apiKey(t.apiKey()).modelName(t.model()).temperature(t.temperature()).maxTokens(t.maxTokens())
                    .timeout(timeout).logRequests(false).logResponses(false).build();
            case GEMINI -> GoogleAiGeminiStreamingChatModel.builder().httpClientBuilder(http()).baseUrl(t.baseUrl())
                    .apiKey(t.apiKey()).modelName(t.model()).temperature(t.temperature()).maxOutputTokens(t.maxTokens())
                    .timeout(timeout).logRequestsAndResponses(false).build();
            case OLLAMA -> OllamaStreamingChatModel.builder().httpClientBuilder(http()).baseUrl(t.baseUrl())
                    .customHeaders(bearer(t)).modelName(t.model()).temperature(t.temperature()).numPredict(t.maxTokens())
                    .timeout(timeout).logRequests(false).logResponses(false).build();
        };
    }

    private BoundedHttpClient.Builder http() {
        return BoundedHttpClient.builder().connectTimeout(timeout).readTimeout(timeout);
    }

    /** Ollama has no key of its own; one given is sent as a bearer token, for a gateway in front of it. */
    private static Map<String, String> bearer(ProviderTarget t) {
        return t.apiKey() == null ? Map.of() : Map.of("Authorization", "Bearer " + t.apiKey());
    }
}
