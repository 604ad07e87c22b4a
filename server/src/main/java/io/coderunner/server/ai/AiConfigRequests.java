package io.coderunner.server.ai;

/** Request bodies of {@code /ai-configs}, in seed 000's field names (AIConfig). */
final class AiConfigRequests {

    private AiConfigRequests() {
    }

    /**
     * A configuration to make, or the fields to change (a field left out stays as it is; an empty
     * base_url returns to the provider's public address).
     */
    record Fields(String configName, String provider, String modelName, String apiKey, String baseUrl, Double temperature,
                  Integer maxTokens, Boolean isActive) {
    }
}
