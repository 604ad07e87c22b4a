package io.coderunner.server.ai;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Users' management of their provider configurations. Keys are encrypted before they are stored
 * and never leave in full; the system log names the configuration, never the key. Another user's
 * configuration is answered as not found.
 */
@Service
class AiConfigService {

    static final int MAX_CONFIGS = 20;
    private static final int MAX_NAME = 100;
    private static final int MAX_MODEL = 200;
    private static final int MAX_KEY = 1000;

    private final AiConfigRepository configs;
    private final AiUsage usage;
    private final KeyCipher cipher;
    private final BaseUrls baseUrls;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AiConfigService(AiConfigRepository configs, AiUsage usage, KeyCipher cipher, BaseUrls baseUrls,
                    ApplicationEventPublisher events, Clock clock) {
        this.configs = configs;
        this.usage = usage;
        this.cipher = cipher;
        this.baseUrls = baseUrls;
        this.events = events;
        this.clock = clock;
    }

    AiConfigView create(Caller caller, AiConfigRequests.Fields request) {
        Provider provider = Provider.parse(request.provider());
        String name = text("config_name", request.configName(), MAX_NAME);
        String model = text("model_name", request.modelName(), MAX_MODEL);
        String key = key(request.apiKey());
        if (key == null && provider.keyRequired()) {
            throw new BadRequestException("api_key is required for provider " + provider.id());
        }
        String baseUrl = baseUrl(provider, request.baseUrl());
        boolean active = request.isActive() != null ? request.isActive() : configs.findActive(caller.userId()).isEmpty();
        long now = clock.millis();
        AiConfig config = new AiConfig(0, caller.userId(), name, provider, model,
                key == null ? null : cipher.encrypt(caller.userId(), key), hint(key), baseUrl,
                temperature(request.temperature()), maxTokens(request.maxTokens()), active, now, now);
        long id = configs.insert(config, MAX_CONFIGS).orElseThrow(() -> new ConflictException(
                "you have " + MAX_CONFIGS + " AI configurations, the most allowed: delete one first"));
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "create_ai_config", "ai_config", id,
                "name=" + name + " provider=" + provider.id() + " model=" + model + " active=" + active));
        return view(require(caller, id));
    }

    List<AiConfigView> list(Caller caller) {
        return configs.list(caller.userId()).stream().map(this::view).toList();
    }

    AiConfigView update(Caller caller, long id, AiConfigRequests.Fields request) {
        AiConfig old = require(caller, id);
        Provider provider = request.provider() != null ? Provider.parse(request.provider()) : old.provider();
        String name = request.configName() != null ? text("config_name", request.configName(), MAX_NAME) : old.configName();
        String model = request.modelName() != null ? text("model_name", request.modelName(), MAX_MODEL) : old.modelName();
        String encrypted = old.apiKeyEncrypted();
        String hint = old.apiKeyHint();
        if (request.apiKey() != null) {
            String key = key(request.apiKey());
            encrypted = key == null ? null : cipher.encrypt(caller.userId(), key);
            hint = hint(key);
        }
        if (encrypted == null && provider.keyRequired()) {
            throw new BadRequestException("api_key is required for provider " + provider.id());
        }
        String baseUrl = request.baseUrl() != null ? baseUrl(provider, request.baseUrl())
                : old.baseUrl() != null ? old.baseUrl() : baseUrl(provider, null);
        AiConfig config = new AiConfig(id, caller.userId(), name, provider, model, encrypted, hint, baseUrl,
                request.temperature() != null ? temperature(request.temperature()) : old.temperature(),
                request.maxTokens() != null ? maxTokens(request.maxTokens()) : old.maxTokens(),
                request.isActive() != null ? request.isActive() : old.active(), old.createdAt(), clock.millis());
        if (!configs.update(config)) {
            throw notFound(id);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "update_ai_config", "ai_config", id,
                "name=" + name + " provider=" + provider.id() + " model=" + model + " active=" + config.active()
                        + (request.apiKey() != null ? " api_key changed" : "")));
        return view(require(caller, id));
    }

    void delete(Caller caller, long id) {
        AiConfig config = require(caller, id);
        if (!configs.delete(caller.userId(), id)) {
            throw notFound(id);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "delete_ai_config", "ai_config", id,
                "name=" + config.configName() + " provider=" + config.provider().id()));
    }

    AiConfig require(Caller caller, long id) {
        return configs.find(caller.userId(), id).orElseThrow(() -> notFound(id));
    }

    private AiConfigView view(AiConfig config) {
        return AiConfigView.of(config, usage.totals(config.userId(), AiUsage.configSource(config.id())));
    }

    private String baseUrl(Provider provider, String given) {
        if (given == null || given.isBlank()) {
            if (provider.defaultBaseUrl() == null) {
                throw new BadRequestException("base_url is required for provider " + provider.id()
                        + (provider == Provider.OLLAMA ? " (the address of the Ollama server, e.g. http://host:11434)" : ""));
            }
            return null;
        }
        return baseUrls.check(given);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("AI configuration " + id + " not found");
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + " is required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new BadRequestException(field + " is longer than " + max + " characters");
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException(field + " must not contain control characters");
        }
        return v;
    }

    /** Null for none (an empty value removes the key). */
    private static String key(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() < 8) {
            throw new BadRequestException("api_key is too short to be a provider's key (at least 8 characters)");
        }
        if (v.length() > MAX_KEY) {
            throw new BadRequestException("api_key is longer than " + MAX_KEY + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new BadRequestException("api_key must not contain spaces or control characters");
        }
        return v;
    }

    private static String hint(String key) {
        return key == null ? null : key.substring(Math.max(0, key.length() - 4));
    }

    private static Double temperature(Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value < 0 || value > 2) {
            throw new BadRequestException("temperature must be between 0 and 2, was " + value);
        }
        return value;
    }

    private static Integer maxTokens(Integer value) {
        if (value == null) {
            return null;
        }
        if (value < 1 || value > 200_000) {
            throw new BadRequestException("max_tokens must be between 1 and 200000, was " + value);
        }
        return value;
    }
}
