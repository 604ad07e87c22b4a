package io.coderunner.server.execution;

import io.coderunner.engine.Limits;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.accounts.Tiers;
import io.coderunner.server.http.AddressRateLimit;
import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.http.SignInRequiredException;
import io.coderunner.server.system.SiteSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The "anonymous" tier: runs of callers who are not signed in get no more time and memory than the
 * lowest tier (Free), and one client address may start only so many a minute (as sign-in attempts).
 * Whether they may run at all, and the rate, are the administrator's to change while the server
 * runs ({@link AnonymousRunRules}, stored in {@link SiteSettings}); the configuration gives the
 * defaults. Their share of the execution slots is {@link ExecutionQueue}'s.
 */
@Component
class AnonymousRuns {

    static final String ALLOWED = "anonymous_runs.allowed";
    static final String PER_MINUTE = "anonymous_runs.per_minute_per_ip";

    private final Limits ceiling;
    private final AnonymousRunRules defaults;
    private final SiteSettings settings;
    /** The limiter of the current rate; a changed rate starts new buckets (every address gets the new rate whole). */
    private final AtomicReference<AddressRateLimit> perAddress = new AtomicReference<>();

    AnonymousRuns(AnonymousSettings anonymous, SandboxSettings sandbox, Tiers tiers, SiteSettings settings) {
        Tier lowest = tiers.all().iterator().next();
        int seconds = anonymous.timeoutSeconds() == null ? lowest.timeoutSeconds() : Math.min(anonymous.timeoutSeconds(), lowest.timeoutSeconds());
        int memoryMb = anonymous.memoryMb() == null ? lowest.memoryMb() : Math.min(anonymous.memoryMb(), lowest.memoryMb());
        this.ceiling = sandbox.maximumLimits().withWallTimeMs(seconds * 1000L).withCpuTimeMs(seconds * 1000L)
                .withMemoryBytes(memoryMb * Limits.MIB).cappedBy(sandbox.maximumLimits());
        this.defaults = new AnonymousRunRules(anonymous.allowed(), anonymous.runsPerMinutePerIp());
        this.settings = settings;
    }

    /** The most an anonymous run may have (its wall and CPU time, its memory; other limits the server's). */
    Limits ceiling() {
        return ceiling;
    }

    AnonymousRunRules rules() {
        boolean allowed = settings.get(ALLOWED).map(Boolean::parseBoolean).orElse(defaults.allowed());
        int perMinute = settings.get(PER_MINUTE).map(Integer::parseInt).orElse(defaults.runsPerMinutePerIp());
        return new AnonymousRunRules(allowed, perMinute);
    }

    void change(AnonymousRunRules rules, Long by) {
        settings.put(ALLOWED, Boolean.toString(rules.allowed()), by);
        settings.put(PER_MINUTE, Integer.toString(rules.runsPerMinutePerIp()), by);
    }

    /** Counts a run from this address: 401 when visitors may not run, 429 past the rate. */
    void take(String address) {
        AnonymousRunRules rules = rules();
        if (!rules.allowed()) {
            throw new SignInRequiredException(ProblemCodes.ANONYMOUS_RUNS_DISABLED,
                    "this server runs programs only for signed-in users: sign in or register to run");
        }
        limiterOf(rules.runsPerMinutePerIp()).take(address);
    }

    private AddressRateLimit limiterOf(int perMinute) {
        return perAddress.updateAndGet(current -> current != null && current.count() == perMinute ? current
                : new AddressRateLimit("anonymous runs", perMinute, Duration.ofMinutes(1), "sign in for your tier's quota"));
    }
}
