package io.coderunner.server.ai;

import io.coderunner.server.http.BadRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The providers a configuration may name. Qwen (DashScope), Groq and DeepSeek speak OpenAI's chat
 * completions protocol at their own addresses; {@code openai-compatible} is any other such endpoint
 * and needs a base URL.
 */
enum Provider {
    OPENAI("openai", Protocol.OPENAI, "https://api.openai.com/v1", true),
    QWEN("qwen", Protocol.OPENAI, "https://dashscope.aliyuncs.com/compatible-mode/v1", true),
    GROQ("groq", Protocol.OPENAI, "https://api.groq.com/openai/v1", true),
    DEEPSEEK("deepseek", Protocol.OPENAI, "https://api.deepseek.com/v1", true),
    OPENAI_COMPATIBLE("openai-compatible", Protocol.OPENAI, null, false),
    ANTHROPIC("anthropic", Protocol.ANTHROPIC, "https://api.anthropic.com/v1", true),
    GEMINI("gemini", Protocol.GEMINI, "https://generativelanguage.googleapis.com/v1beta", true),
    OLLAMA("ollama", Protocol.OLLAMA, null, false);

    /** The wire protocols, one LangChain4j model family each. */
    enum Protocol { OPENAI, ANTHROPIC, GEMINI, OLLAMA }

    private final String id;
    private final Protocol protocol;
    private final String defaultBaseUrl;
    private final boolean keyRequired;

    Provider(String id, Protocol protocol, String defaultBaseUrl, boolean keyRequired) {
        this.id = id;
        this.protocol = protocol;
        this.defaultBaseUrl = defaultBaseUrl;
        this.keyRequired = keyRequired;
    }

    String id() {
        return id;
    }

    Protocol protocol() {
        return protocol;
    }

    /** Null when a configuration must give its own. */
    String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    boolean keyRequired() {
        return keyRequired;
    }

    static Provider parse(String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("provider is required: one of " + ids());
        }
        String id = switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "claude" -> "anthropic";
            case "dashscope" -> "qwen";
            case "custom", "openai_compatible" -> "openai-compatible";
            case "google", "google-gemini" -> "gemini";
            default -> value.strip().toLowerCase(Locale.ROOT);
        };
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                .orElseThrow(() -> new BadRequestException("unknown provider '" + value + "': use one of " + ids()));
    }

    static String ids() {
        return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
    }
}
