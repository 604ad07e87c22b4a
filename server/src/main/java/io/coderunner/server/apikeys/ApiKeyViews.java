package io.coderunner.server.apikeys;

import io.coderunner.server.http.Timestamps;
import java.util.List;

/** What the API-key endpoints answer (seed 004's APIKeyResponse and APIKeyInfo). */
final class ApiKeyViews {

    private ApiKeyViews() {
    }

    /** A new key, with its value: the only time the value is ever shown. */
    record Created(long id, String keyName, String apiKey, String keyPrefix, List<String> scopes, boolean isActive,
                   String createdAt, String expiresAt, String lastUsed, long usageCount) {

        static Created of(ApiKey key, String value) {
            return new Created(key.id(), key.keyName(), value, key.keyPrefix(), ApiScope.ids(key.scopes()), key.active(),
                    Timestamps.iso(key.createdAt()), Timestamps.iso(key.expiresAt()), Timestamps.iso(key.lastUsed()),
                    key.usageCount());
        }
    }

    /** A key as listed: without its value, which the server does not have. */
    record Info(long id, String keyName, String keyPrefix, List<String> scopes, boolean isActive, String createdAt,
                String expiresAt, String lastUsed, long usageCount) {

        static Info of(ApiKey key) {
            return new Info(key.id(), key.keyName(), key.keyPrefix(), ApiScope.ids(key.scopes()), key.active(),
                    Timestamps.iso(key.createdAt()), Timestamps.iso(key.expiresAt()), Timestamps.iso(key.lastUsed()),
                    key.usageCount());
        }
    }

    record Toggled(long id, boolean isActive, String message) {
    }
}
