package io.coderunner.server.execution;

import io.coderunner.engine.Limits;
import io.coderunner.engine.RunHandle;
import io.coderunner.engine.RunResult;
import io.coderunner.engine.RunSpec;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxInfo;
import io.coderunner.engine.Status;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the sandbox can serve: the truth comes from running a program in it, as a user's run
 * would go (slot, runtime, limits, clean-up), not from the engine having started once. The probe
 * runs at most every {@value #FRESH_SECONDS} s and only when a slot is free — when every slot is
 * running users' programs the sandbox is serving, and the last probe stands. A health request never
 * waits for a probe longer than {@value #WAIT_SECONDS} s: past that it reports the last result.
 */
@Component // named "sandbox" among the health checks (the bean name without HealthIndicator)
class SandboxHealthIndicator implements HealthIndicator {

    static final int FRESH_SECONDS = 30;
    static final int WAIT_SECONDS = 2;
    private static final String PROBE_OUTPUT = "sandbox-probe-ok";

    private final Sandbox sandbox;
    private final ExecutionQueue queue;
    private final Language probeLanguage;
    private final Clock clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Probe last;

    /** One probe's outcome: null problem when the program ran and printed what it should. */
    record Probe(Instant at, long millis, String problem) {
    }

    SandboxHealthIndicator(Sandbox sandbox, ExecutionQueue queue, LanguageRegistry languages, Clock clock) {
        this.sandbox = sandbox;
        this.queue = queue;
        // bash: the cheapest program to start, and on every host the engine runs on.
        this.probeLanguage = languages.find("bash").orElse(null);
        this.clock = clock;
    }

    @Override
    public Health health() {
        Probe probe = probeIfStale();
        SandboxInfo info = sandbox.info();
        Health.Builder health = probe == null || probe.problem() == null ? Health.up() : Health.down();
        health.withDetail("runtime", info.runtime())
                .withDetail("cgroups", info.cgroups())
                .withDetail("isolated", info.isolated())
                .withDetail("slots", queue.concurrency())
                .withDetail("running", queue.running())
                .withDetail("waiting", queue.waiting());
        if (probe == null) {
            health.withDetail("probe", "not yet run: every slot has been busy");
        } else {
            health.withDetail("probed_at", probe.at().toString()).withDetail("probe_ms", probe.millis());
            if (probe.problem() != null) {
                health.withDetail("problem", probe.problem());
            }
        }
        return health.build();
    }

    private Probe probeIfStale() {
        Probe known = last;
        boolean stale = known == null || known.at().isBefore(clock.instant().minusSeconds(FRESH_SECONDS));
        if (!stale || queue.running() >= queue.concurrency() || !probing.compareAndSet(false, true)) {
            return known;
        }
        try {
            last = probe();
            return last;
        } finally {
            probing.set(false);
        }
    }

    private Probe probe() {
        Instant at = clock.instant();
        long started = System.nanoTime();
        if (probeLanguage == null) {
            return new Probe(at, 0, "bash was not found on this host, so no program can be run to check the sandbox");
        }
        ExecutionQueue.Ticket ticket;
        try {
            ticket = queue.admit();
        } catch (RuntimeException full) {
            return last; // the queue is full: the sandbox is busy serving
        }
        RunHandle handle;
        try {
            handle = sandbox.start(RunSpec.of(probeLanguage, "echo " + PROBE_OUTPUT + "\n", Limits.defaults()
                    .withWallTimeMs(10_000).withCpuTimeMs(5_000)), frame -> { });
        } catch (RuntimeException e) {
            ticket.close();
            return new Probe(at, millisSince(started), "the sandbox could not start a program: " + e.getMessage());
        }
        handle.result().whenComplete((result, failure) -> ticket.close());
        try {
            return outcome(at, started, handle.result().get(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException slow) {
            // Slow rather than known broken: the last result stands until this probe ends.
            handle.result().whenComplete((result, failure) -> last = result == null
                    ? new Probe(at, millisSince(started), "the probe program failed: " + failure)
                    : outcome(at, started, result));
            return last != null ? last : new Probe(at, millisSince(started), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last;
        } catch (java.util.concurrent.ExecutionException e) {
            return new Probe(at, millisSince(started), "the probe program failed: " + e.getCause().getMessage());
        }
    }

    private static Probe outcome(Instant at, long started, RunResult result) {
        boolean ok = result.status() == Status.OK && result.stdout().contains(PROBE_OUTPUT);
        return new Probe(at, millisSince(started), ok ? null : "a probe program did not run: " + result.status()
                + (result.reason() == null ? "" : " (" + result.reason() + ")"));
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
