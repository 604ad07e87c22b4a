package io.coderunner.server.apikeys;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Users' management of their own keys. Every change is logged, with the key's name and prefix but
 * never its value. Another user's key is answered as not found, so ids do not tell which keys exist.
 */
@Service
class ApiKeyService {

    static final int MAX_NAME_LENGTH = 100;

    private final ApiKeyRepository keys;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    ApiKeyViews.Created create(Caller caller, ApiKeyRequests.Create request) {
        String name = name(request.keyName());
        Set<ApiScope> scopes = ApiScope.parse(request.scopes());
        if (scopes.contains(ApiScope.METRICS) && !caller.admin()) {
            throw new ForbiddenException("only administrators may make keys with the metrics scope: the metrics show "
                    + "the whole installation");
        }
        long now = clock.millis();
        Long expiresAt = KeyExpiry.of(request, now);
        Tier tier = accounts.tierOf(caller);

        String value = KeyValues.generate();
        String prefix = KeyValues.displayPrefix(value);
        Long id = keys.insertWithin(tier.maxApiKeys(), caller.userId(), name, KeyValues.hash(value), prefix, scopes, now,
                expiresAt).orElse(null);
        if (id == null) {
            String limit = "the " + tier.name() + " tier allows at most " + tier.maxApiKeys() + " API keys";
            events.publishEvent(AuditEvent.failure(caller.userId(), caller.username(), "create_api_key", "api_key", null,
                    limit + " (name=" + name + ")"));
            throw new ForbiddenException(limit + ": delete or reuse one of yours, or ask for a higher tier");
        }
        ApiKey key = new ApiKey(id, caller.userId(), name, prefix, scopes, true, null, 0, now, expiresAt);
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "create_api_key", "api_key", id,
                "name=" + name + " prefix=" + prefix + " scopes=" + ApiScope.store(scopes)
                        + (expiresAt == null ? "" : " expires_at=" + Timestamps.iso(expiresAt))));
        return ApiKeyViews.Created.of(key, value);
    }

    List<ApiKey> list(Caller caller, Page page) {
        return keys.list(caller.userId(), page);
    }

    ApiKey toggle(Caller caller, long id) {
        ApiKey key = require(caller, id);
        boolean active = keys.toggle(caller.userId(), id).orElseThrow(() -> notFound(id));
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "toggle_api_key", "api_key", id,
                "name=" + key.keyName() + " prefix=" + key.keyPrefix() + " active=" + active));
        return new ApiKey(key.id(), key.userId(), key.keyName(), key.keyPrefix(), key.scopes(), active, key.lastUsed(),
                key.usageCount(), key.createdAt(), key.expiresAt());
    }

    ApiKey delete(Caller caller, long id) {
        ApiKey key = require(caller, id);
        if (!keys.delete(caller.userId(), id)) {
            throw notFound(id);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "delete_api_key", "api_key", id,
                "name=" + key.keyName() + " prefix=" + key.keyPrefix()));
        return key;
    }

    private ApiKey require(Caller caller, long id) {
        return keys.find(caller.userId(), id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("API key " + id + " not found");
    }

    private static String name(String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("key_name is required");
        }
        String name = value.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new BadRequestException("key_name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }
}
