package io.coderunner.server.ai;

/**
 * A user's provider configuration as stored; the API key only encrypted.
 *
 * @param baseUrl     as the user gave it; null: the provider's public address
 * @param apiKeyHint  the key's last four characters, or null when there is no key
 */
record AiConfig(long id, long userId, String configName, Provider provider, String modelName, String apiKeyEncrypted,
                String apiKeyHint, String baseUrl, Double temperature, Integer maxTokens, boolean active, long createdAt,
                long updatedAt) {

    String effectiveBaseUrl() {
        return baseUrl != null ? baseUrl : provider.defaultBaseUrl();
    }
}
