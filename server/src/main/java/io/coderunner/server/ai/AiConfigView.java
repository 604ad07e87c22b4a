package io.coderunner.server.ai;

import io.coderunner.server.http.Timestamps;

/**
 * A configuration as answered (seed 004's AIConfigResponse): the API key masked to its last four
 * characters, and what the configuration has been used for.
 */
record AiConfigView(long id, long userId, String configName, String provider, String modelName, String apiKey,
                    String baseUrl, Double temperature, Integer maxTokens, boolean isActive, String createdAt,
                    String updatedAt, long requestCount, long inputTokens, long outputTokens) {

    static AiConfigView of(AiConfig config, AiUsage.Totals usage) {
        return new AiConfigView(config.id(), config.userId(), config.configName(), config.provider().id(),
                config.modelName(), mask(config.apiKeyHint()), config.effectiveBaseUrl(), config.temperature(),
                config.maxTokens(), config.active(), Timestamps.iso(config.createdAt()), Timestamps.iso(config.updatedAt()),
                usage.requests(), usage.inputTokens(), usage.outputTokens());
    }

    static String mask(String hint) {
        return hint == null ? null : "****" + hint;
    }
}
