package io.coderunner.server.execution;

import io.coderunner.engine.RunHandle;
import io.coderunner.server.security.Caller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The runs' meters: how many ended, by language, status and kind of caller
 * ({@code coderunner_runs_total}); how long they waited for a slot ({@code coderunner_run_queue_wait_seconds})
 * and ran ({@code coderunner_run_duration_seconds}), as histograms; and the queue as it is now
 * ({@code coderunner_runs_running}, {@code coderunner_runs_waiting}, {@code coderunner_sandbox_slots}).
 */
@Component
class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry, ExecutionQueue queue) {
        this.registry = registry;
        Gauge.builder("coderunner.runs.running", queue, ExecutionQueue::running)
                .description("Runs executing in a sandbox slot now").register(registry);
        Gauge.builder("coderunner.runs.waiting", queue, ExecutionQueue::waiting)
                .description("Runs admitted and waiting for a free slot").register(registry);
        Gauge.builder("coderunner.sandbox.slots", queue, ExecutionQueue::concurrency)
                .description("Sandbox slots: how many runs may execute at once").register(registry);
    }

    /** The kind of caller a run is counted under: anonymous, user (signed in) or api_key. */
    static String callerKind(Caller caller) {
        return caller == null ? "anonymous" : caller.viaApiKey() ? "api_key" : "user";
    }

    /** Measures the run from now (its admission) until a slot takes it, and from then until it ends. */
    RunHandle observe(RunHandle handle, String language, String callerKind) {
        long admitted = System.nanoTime();
        AtomicLong started = new AtomicLong(admitted);
        handle.started().whenComplete((ignored, failure) -> {
            long now = System.nanoTime();
            started.set(now);
            timer("coderunner.run.queue.wait", "Time from admission until a sandbox slot took the run", language)
                    .record(Duration.ofNanos(now - admitted));
        });
        handle.result().whenComplete((result, failure) -> {
            String status = result == null ? "INTERNAL_ERROR" : result.status().name();
            registry.counter("coderunner.runs", "language", language, "status", status, "caller", callerKind).increment();
            Timer.builder("coderunner.run.duration").description("Time a run took in its sandbox, compiling included")
                    .tags("language", language, "status", status).publishPercentileHistogram()
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - started.get()));
        });
        return handle;
    }

    private Timer timer(String name, String description, String language) {
        return Timer.builder(name).description(description).tag("language", language).publishPercentileHistogram()
                .register(registry);
    }
}
