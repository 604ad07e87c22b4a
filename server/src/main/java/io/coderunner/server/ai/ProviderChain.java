package io.coderunner.server.ai;

import io.coderunner.server.security.Caller;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The providers asked for one user, in order: their chosen (or active) configuration first, then
 * the installation's providers in the configured order. A user's key is decrypted here, for the
 * request only; a key that no longer decrypts is reported as that provider's failure.
 */
@Component
class ProviderChain {

    private final AiConfigRepository configs;
    private final KeyCipher cipher;
    private final AiSettings settings;

    ProviderChain(AiConfigRepository configs, KeyCipher cipher, AiSettings settings) {
        this.configs = configs;
        this.cipher = cipher;
        this.settings = settings;
    }

    /** A target, or the reason it cannot be asked. */
    record Entry(ProviderTarget target, ProviderFailure unusable) {
    }

    List<Entry> of(Caller caller, AiConfig chosen) {
        List<Entry> entries = new ArrayList<>();
        AiConfig own = chosen != null ? chosen : configs.findActive(caller.userId()).orElse(null);
        if (own != null) {
            entries.add(entry(own));
        }
        for (AiSettings.NamedServer server : settings.fallbacks()) {
            AiSettings.ServerProvider s = server.server();
            Provider provider = s.kind(server.name());
            String baseUrl = s.baseUrl() != null && !s.baseUrl().isBlank() ? strip(s.baseUrl()) : provider.defaultBaseUrl();
            String key = s.apiKey() == null || s.apiKey().isBlank() ? null : s.apiKey().strip();
            entries.add(new Entry(new ProviderTarget(server.name(), AiUsage.serverSource(server.name()), provider, s.model(),
                    baseUrl, key, null, null, false), null));
        }
        return entries;
    }

    /** One configuration as a target, or why it cannot be asked. */
    Entry entry(AiConfig config) {
        ProviderTarget target = new ProviderTarget(config.configName(), AiUsage.configSource(config.id()), config.provider(),
                config.modelName(), config.effectiveBaseUrl(), null, config.temperature(), config.maxTokens(), true);
        if (config.apiKeyEncrypted() == null) {
            return new Entry(target, null);
        }
        try {
            String key = cipher.decrypt(config.userId(), config.apiKeyEncrypted());
            return new Entry(new ProviderTarget(target.name(), target.source(), target.provider(), target.model(),
                    target.baseUrl(), key, target.temperature(), target.maxTokens(), true), null);
        } catch (IllegalStateException e) {
            return new Entry(target, ProviderFailure.of(target, ProviderFailure.Reason.KEY_UNREADABLE,
                    "the stored API key cannot be read by this server (its encryption key changed): enter the key again"));
        }
    }

    private static String strip(String url) {
        String u = url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
