package io.coderunner.server.ai;

import java.util.List;

/**
 * A provider's complete answer.
 *
 * @param failed the providers asked before this one, and why they gave no answer
 */
record Answer(String text, ProviderTarget target, int inputTokens, int outputTokens, List<ProviderFailure> failed) {
}
