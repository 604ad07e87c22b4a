package io.coderunner.server.ai;

/**
 * What is sent to a provider: the instructions, the user's message, the request's own temperature
 * and max_tokens (null: the configuration's), and whether the answer should carry code.
 */
record Prompt(String system, String user, Double temperature, Integer maxTokens, boolean expectsCode) {
}
