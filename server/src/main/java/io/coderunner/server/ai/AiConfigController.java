package io.coderunner.server.ai;

import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A user's AI provider configurations (seed 004, AI配置与代码生成). */
@RestController
@Tag(name = "AI")
class AiConfigController {

    private final AiConfigService configs;
    private final ConnectionTest connectionTest;

    AiConfigController(AiConfigService configs, ConnectionTest connectionTest) {
        this.configs = configs;
        this.connectionTest = connectionTest;
    }

    @PostMapping("/ai-configs/{config_id}/test")
    @SignedInUser
    @Operation(summary = "Try an AI configuration with a tiny real request to its provider, without falling back to others",
            description = "Answers 200 either way: ok, the provider's reply (cut to 200 characters) and the time taken; "
                    + "or ok=false with reason (wrong_key, unreachable, model_not_found, rate_limited, blocked_address, ...) "
                    + "and what the provider or the network said. Not counted against the daily AI requests.")
    ConnectionTest.Result test(@AuthenticationPrincipal Caller caller, @PathVariable("config_id") long configId) {
        return connectionTest.run(caller, configId);
    }

    @PostMapping("/ai-configs")
    @SignedInUser
    @Operation(summary = "Add an AI provider configuration",
            description = "provider: openai, qwen, groq, deepseek, openai-compatible (needs base_url), anthropic, gemini, "
                    + "ollama (needs base_url). The API key is stored encrypted and shown only as its last four characters. "
                    + "is_active (default: true when no other is active) makes it the one used; at most one is active.")
    AiConfigView create(@AuthenticationPrincipal Caller caller, @RequestBody AiConfigRequests.Fields request) {
        return configs.create(caller, request);
    }

    @GetMapping("/ai-configs")
    @SignedInUser
    @Operation(summary = "The caller's AI configurations, oldest first, keys masked, with their use")
    List<AiConfigView> list(@AuthenticationPrincipal Caller caller) {
        return configs.list(caller);
    }

    @PutMapping("/ai-configs/{config_id}")
    @SignedInUser
    @Operation(summary = "Change an AI configuration; fields left out stay as they are",
            description = "is_active: true makes this the active one and the others inactive, in one step.")
    AiConfigView update(@AuthenticationPrincipal Caller caller, @PathVariable("config_id") long configId,
                        @RequestBody AiConfigRequests.Fields request) {
        return configs.update(caller, configId, request);
    }

    @DeleteMapping("/ai-configs/{config_id}")
    @SignedInUser
    @Operation(summary = "Delete an AI configuration and its stored key")
    Map<String, String> delete(@AuthenticationPrincipal Caller caller, @PathVariable("config_id") long configId) {
        configs.delete(caller, configId);
        return Map.of("message", "AI configuration " + configId + " deleted");
    }
}
