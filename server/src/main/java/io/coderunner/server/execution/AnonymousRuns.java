package io.coderunner.server.execution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coderunner.engine.Limits;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.accounts.Tiers;
import io.coderunner.server.system.TooManyRequestsException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The "anonymous" tier: runs of callers who are not signed in get no more time and memory than the
 * lowest tier (Free), and one client address may start only so many a minute (Bucket4j buckets, as
 * sign-in attempts). Their share of the execution slots is {@link ExecutionQueue}'s.
 */
@Component
class AnonymousRuns {

    private final Limits ceiling;
    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    AnonymousRuns(AnonymousSettings settings, SandboxSettings sandbox, Tiers tiers) {
        Tier lowest = tiers.all().iterator().next();
        int seconds = settings.timeoutSeconds() == null ? lowest.timeoutSeconds() : Math.min(settings.timeoutSeconds(), lowest.timeoutSeconds());
        int memoryMb = settings.memoryMb() == null ? lowest.memoryMb() : Math.min(settings.memoryMb(), lowest.memoryMb());
        this.ceiling = sandbox.maximumLimits().withWallTimeMs(seconds * 1000L).withCpuTimeMs(seconds * 1000L)
                .withMemoryBytes(memoryMb * Limits.MIB).cappedBy(sandbox.maximumLimits());
        this.perMinute = settings.runsPerMinutePerIp();
    }

    /** The most an anonymous run may have (its wall and CPU time, its memory; other limits the server's). */
    Limits ceiling() {
        return ceiling;
    }

    /** Counts a run from this address; 429 past the rate. */
    void take(String address) {
        Bucket bucket = buckets.get(address == null ? "unknown" : address, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new TooManyRequestsException("too many anonymous runs from this address: at most " + perMinute
                    + " a minute; sign in for your tier's quota, or try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
        }
    }
}
