package io.coderunner.server.execution;

import io.coderunner.engine.Limits;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.accounts.Tiers;
import io.coderunner.server.http.AddressRateLimit;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The "anonymous" tier: runs of callers who are not signed in get no more time and memory than the
 * lowest tier (Free), and one client address may start only so many a minute (as sign-in attempts). Their share of the execution slots is {@link ExecutionQueue}'s.
 */
@Component
class AnonymousRuns {

    private final Limits ceiling;
    private final AddressRateLimit perAddress;

    AnonymousRuns(AnonymousSettings settings, SandboxSettings sandbox, Tiers tiers) {
        Tier lowest = tiers.all().iterator().next();
        int seconds = settings.timeoutSeconds() == null ? lowest.timeoutSeconds() : Math.min(settings.timeoutSeconds(), lowest.timeoutSeconds());
        int memoryMb = settings.memoryMb() == null ? lowest.memoryMb() : Math.min(settings.memoryMb(), lowest.memoryMb());
        this.ceiling = sandbox.maximumLimits().withWallTimeMs(seconds * 1000L).withCpuTimeMs(seconds * 1000L)
                .withMemoryBytes(memoryMb * Limits.MIB).cappedBy(sandbox.maximumLimits());
        this.perAddress = new AddressRateLimit("anonymous runs", settings.runsPerMinutePerIp(), Duration.ofMinutes(1),
                "sign in for your tier's quota");
    }

    /** The most an anonymous run may have (its wall and CPU time, its memory; other limits the server's). */
    Limits ceiling() {
        return ceiling;
    }

    /** Counts a run from this address; 429 past the rate. */
    void take(String address) {
        perAddress.take(address);
    }
}
