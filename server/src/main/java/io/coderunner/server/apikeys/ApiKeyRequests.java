package io.coderunner.server.apikeys;

import java.util.List;

/** Request bodies of the API-key endpoints, in the seeds' field names. */
final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    /**
     * @param expiresAt     a date (2026-12-31: the key stops working when that day starts, UTC) or a time
     * @param expiresInDays instead of expires_at: so many days from now
     * @param scopes        ids of {@link ApiScope}; left out, all of them
     */
    record Create(String keyName, String expiresAt, Integer expiresInDays, List<String> scopes) {
    }
}
