package io.coderunner.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;

/**
 * At most so many actions of one kind per client address and period (a Bucket4j token bucket per
 * address, refilled steadily over the period): sign-in attempts, registrations, anonymous runs.
 * Buckets of addresses not seen for two periods are forgotten, and at most 100,000 are kept, so a
 * flood of addresses cannot grow memory without bound.
 */
public final class AddressRateLimit {

    private final String what;
    private final String from;
    private final int count;
    private final String periodName;
    private final Duration period;
    private final String hint;
    private final Cache<String, Bucket> buckets;

    /**
     * @param what       the action, plural, as the refusal names it ("sign-in attempts")
     * @param count      how many per period
     * @param period     the period, a minute or an hour
     * @param hint       what the caller may do besides waiting, "" for nothing ("sign in for your tier's quota")
     */
    public AddressRateLimit(String what, int count, Duration period, String hint) {
        this(what, "from this address", count, period, hint);
    }

    /**
     * A limit per some other key than the client's address (an e-mail address, an account).
     *
     * @param from what the key is, as the refusal names it ("for this e-mail address")
     */
    public AddressRateLimit(String what, String from, int count, Duration period, String hint) {
        if (count < 1) {
            throw new IllegalArgumentException(what + ": the limit must be at least 1 a period");
        }
        this.what = what;
        this.from = from;
        this.count = count;
        this.period = period;
        this.periodName = period.equals(Duration.ofHours(1)) ? "an hour" : period.equals(Duration.ofMinutes(1)) ? "a minute"
                : "per " + period.toSeconds() + " s";
        this.hint = hint;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(period.multipliedBy(2)).maximumSize(100_000).build();
    }

    /** How many actions an address may take in a period. */
    public int count() {
        return count;
    }

    /** Counts one action from this address (or of this key); {@link TooManyRequestsException} (429 with Retry-After) past the limit. */
    public void take(String address) {
        Bucket bucket = buckets.get(address == null ? "unknown" : address, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(count).refillGreedy(count, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new TooManyRequestsException(ProblemCodes.RATE_LIMITED, "too many " + what + " " + from + ": at most "
                    + count + " " + periodName + "; " + (hint.isEmpty() ? "" : hint + ", or ") + "try again in "
                    + Math.max(1, wait.toSeconds()) + " s", wait, Map.of("limit", count, "period_seconds", period.toSeconds()));
        }
    }
}
