package io.coderunner.server.ai;

/**
 * One provider to ask, with everything needed to call it: a user's configuration (its key
 * decrypted for this request only) or one of the installation's providers.
 *
 * @param name     how the user knows it: the configuration's name, or the installation's name for it
 * @param source   where its use is counted ({@link AiUsage})
 * @param userGiven whether the base URL came from a user, and must be checked before each request
 */
record ProviderTarget(String name, String source, Provider provider, String model, String baseUrl, String apiKey,
                      Double temperature, Integer maxTokens, boolean userGiven) {

    /** The same target with a request's own temperature and max_tokens, where it gives them. */
    ProviderTarget withParameters(Double requestTemperature, Integer requestMaxTokens) {
        return new ProviderTarget(name, source, provider, model, baseUrl, apiKey,
                requestTemperature != null ? requestTemperature : temperature,
                requestMaxTokens != null ? requestMaxTokens : maxTokens, userGiven);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return name + " (" + provider.id() + ", " + model + ")";
    }
}
