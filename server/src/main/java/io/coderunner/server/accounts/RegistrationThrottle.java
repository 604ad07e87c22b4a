package io.coderunner.server.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coderunner.server.system.TooManyRequestsException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Registrations per client address (Bucket4j token buckets, as {@link LoginThrottle}): one place
 * cannot make accounts by the hundred, each with its own daily quotas.
 */
@Component
class RegistrationThrottle {

    private final int perHour;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2)).maximumSize(100_000).build();

    RegistrationThrottle(AuthSettings settings) {
        this.perHour = settings.registrationsPerHourPerIp();
    }

    void check(String address) {
        Bucket bucket = buckets.get(address == null ? "unknown" : address, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new TooManyRequestsException("too many registrations from this address: at most " + perHour
                    + " an hour; try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
        }
    }
}
