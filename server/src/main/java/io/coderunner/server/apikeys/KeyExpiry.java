package io.coderunner.server.apikeys;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.Timestamps;

/** When a new key stops working: given as a moment (expires_at) or a number of days (expires_in_days), or never. */
final class KeyExpiry {

    static final int MAX_DAYS = 3650;
    private static final long DAY_MILLIS = 86_400_000L;

    private KeyExpiry() {
    }

    /** Milliseconds since the epoch, or null for a key that does not expire. */
    static Long of(ApiKeyRequests.Create request, long now) {
        if (request.expiresAt() != null && request.expiresInDays() != null) {
            throw new BadRequestException("give either expires_at or expires_in_days, not both");
        }
        if (request.expiresInDays() != null) {
            int days = request.expiresInDays();
            if (days < 1 || days > MAX_DAYS) {
                throw new BadRequestException("expires_in_days must be between 1 and " + MAX_DAYS + ", was " + days);
            }
            return now + days * DAY_MILLIS;
        }
        Long at = Timestamps.parse("expires_at", request.expiresAt());
        if (at != null && at <= now) {
            throw new BadRequestException("expires_at must be in the future, was " + Timestamps.iso(at));
        }
        return at;
    }
}
