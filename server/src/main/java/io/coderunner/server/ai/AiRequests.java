package io.coderunner.server.ai;

import com.fasterxml.jackson.annotation.JsonAlias;

/** Request bodies of the AI endpoints. */
final class AiRequests {

    private AiRequests() {
    }

    /**
     * Seed 000's code generation.
     *
     * @param code     the current code, to change or continue (optional)
     * @param configId a configuration of the caller's to use instead of the active one (optional)
     */
    record Generate(String prompt, String language, @JsonAlias({"current_code", "context"}) String code,
                    @JsonAlias("ai_config_id") Long configId, Double temperature, Integer maxTokens) {
    }

    /**
     * Seed 002's assistant.
     *
     * @param action fix_error, explain_error, explain_code or optimize_code
     * @param error  the error output the code produced (fix_error, explain_error)
     */
    record Assist(String action, String code, String language, @JsonAlias({"error_message", "error_output", "stderr"}) String error,
                  @JsonAlias("ai_config_id") Long configId, Double temperature, Integer maxTokens) {
    }
}
