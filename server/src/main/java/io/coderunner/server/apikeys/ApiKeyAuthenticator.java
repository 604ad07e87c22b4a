package io.coderunner.server.apikeys;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.UserAccount;
import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.TokenAuthenticator;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Authenticates requests made with an API key ({@code sk-...}): the key must exist, be enabled and
 * not expired, and its user must be active. Each accepted request counts as a use of the key.
 */
@Component
class ApiKeyAuthenticator implements TokenAuthenticator {

    private final ApiKeyRepository keys;
    private final Accounts accounts;
    private final Clock clock;

    ApiKeyAuthenticator(ApiKeyRepository keys, Accounts accounts, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public boolean supports(String token) {
        return KeyValues.looksLikeKey(token);
    }

    @Override
    public Caller authenticate(String token) {
        ApiKey key = keys.findByHash(KeyValues.hash(token))
                .orElseThrow(() -> new InvalidCredentialsException("API key is not valid"));
        if (!key.active()) {
            throw new InvalidCredentialsException("API key is disabled: its owner can enable it again (PUT /api-keys/"
                    + key.id() + "/toggle)");
        }
        long now = clock.millis();
        if (key.expiredAt(now)) {
            throw new InvalidCredentialsException("API key expired at " + Timestamps.iso(key.expiresAt()));
        }
        UserAccount user = accounts.find(key.userId())
                .orElseThrow(() -> new InvalidCredentialsException("API key is not valid: its account no longer exists"));
        if (!user.active()) {
            throw new InvalidCredentialsException("API key is not usable: the account it belongs to is disabled");
        }
        keys.recordUse(key.id(), now);
        Set<String> scopes = key.scopes().stream().map(ApiScope::id).collect(Collectors.toSet());
        return new Caller(user.id(), user.username(), user.admin(), user.level(), key.id(), scopes);
    }

    @Override
    public Instant expiresAt(String token) {
        return keys.findByHash(KeyValues.hash(token))
                .map(ApiKey::expiresAt)
                .map(Instant::ofEpochMilli)
                .orElse(null);
    }
}
