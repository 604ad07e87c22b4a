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
 * Sign-in attempts per client address (Bucket4j token buckets): password guessing from one place
 * is slowed to the configured rate, whichever accounts it tries.
 */
@Component
class LoginThrottle {

    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    LoginThrottle(AuthSettings settings) {
        this.perMinute = settings.loginsPerMinutePerIp();
    }

    void check(String address) {
        Bucket bucket = buckets.get(address == null ? "unknown" : address, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new TooManyRequestsException("too many sign-in attempts from this address: at most " + perMinute
                    + " a minute; try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
        }
    }
}
