package io.coderunner.server.apikeys;

import java.util.Set;

/** An api_keys row: everything about a key except its value, which is never stored. */
record ApiKey(long id, long userId, String keyName, String keyPrefix, Set<ApiScope> scopes, boolean active, Long lastUsed,
              long usageCount, long createdAt, Long expiresAt) {

    boolean expiredAt(long now) {
        return expiresAt != null && expiresAt <= now;
    }
}
