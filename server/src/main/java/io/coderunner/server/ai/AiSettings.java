package io.coderunner.server.ai;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * AI settings ({@code coderunner.ai.*}).
 *
 * @param encryptionKey         base64 of 32 random bytes (CODERUNNER_AI_ENCRYPTION_KEY): the key users' API keys
 *                              are encrypted with; the server does not start without one
 * @param allowPrivateBaseUrls  whether users may aim their configurations at loopback, private or link-local
 *                              addresses (CODERUNNER_AI_ALLOW_PRIVATE_BASE_URLS)
 * @param timeoutSeconds        how long one provider may take to answer before the next one is asked
 * @param fallbackOrder         the installation's providers, by name, in the order they are tried
 *                              (CODERUNNER_AI_FALLBACK_ORDER, e.g. {@code groq,gemini})
 * @param servers               the installation's providers by name; one without an API key (or, for Ollama,
 *                              without a base URL) is not configured and skipped
 */
@ConfigurationProperties("coderunner.ai")
record AiSettings(String encryptionKey, Boolean allowPrivateBaseUrls, Integer timeoutSeconds, String fallbackOrder,
                  Map<String, ServerProvider> servers) {

    AiSettings {
        allowPrivateBaseUrls = allowPrivateBaseUrls != null && allowPrivateBaseUrls;
        timeoutSeconds = timeoutSeconds == null ? 60 : timeoutSeconds;
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("coderunner.ai.timeout-seconds must be at least 1, was " + timeoutSeconds);
        }
        fallbackOrder = fallbackOrder == null ? "" : fallbackOrder;
        servers = servers == null ? Map.of() : Map.copyOf(servers);
        for (String name : order(fallbackOrder)) {
            ServerProvider server = servers.get(name);
            if (server != null) {
                server.check(name);
            }
        }
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** The configured providers of the installation, in the order they are tried. */
    List<NamedServer> fallbacks() {
        return order(fallbackOrder).stream()
                .filter(name -> servers.containsKey(name) && servers.get(name).configured(name))
                .map(name -> new NamedServer(name, servers.get(name)))
                .toList();
    }

    private static List<String> order(String order) {
        return Arrays.stream(order.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    record NamedServer(String name, ServerProvider server) {
    }

    /**
     * One provider of the installation.
     *
     * @param provider a {@link Provider} id (default: the name, e.g. {@code groq}, {@code gemini})
     * @param baseUrl  where it answers (default: the provider's public address)
     */
    record ServerProvider(String provider, String model, String apiKey, String baseUrl) {

        boolean configured(String name) {
            return hasText(apiKey) || (hasText(baseUrl) && kind(name) == Provider.OLLAMA);
        }

        void check(String name) {
            if (!configured(name)) {
                return;
            }
            Provider kind;
            try {
                kind = Provider.parse(hasText(provider) ? provider : name);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("coderunner.ai.servers." + name + ".provider: " + e.getMessage());
            }
            if (!hasText(model)) {
                throw new IllegalArgumentException("coderunner.ai.servers." + name + ".model is required");
            }
            if (!hasText(baseUrl) && kind.defaultBaseUrl() == null) {
                throw new IllegalArgumentException("coderunner.ai.servers." + name + ".base-url is required for " + kind.id());
            }
        }

        Provider kind(String name) {
            return Provider.parse(hasText(provider) ? provider : name);
        }

        private static boolean hasText(String s) {
            return s != null && !s.isBlank();
        }
    }
}
