package io.coderunner.server.ai;

import java.util.List;

/**
 * What the AI endpoints answer (seed 000's AICodeGenerateResponse, seed 002's assistant answer):
 * the code (null for the explaining actions) and the explanation, which provider answered, the
 * tokens it counted, and the providers that were asked before it and failed. The code is text for
 * the user; the server does not run it.
 */
record AiResult(String action, String language, String code, String explanation, String provider, String providerName,
                String model, int inputTokens, int outputTokens, List<ProviderFailure> failedProviders) {
}
