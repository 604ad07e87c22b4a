package io.coderunner.server.sandboxes;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stops sandboxes idle longer than their auto-stop, archives those stopped longer than their
 * auto-archive and deletes those stopped longer than their auto-delete. What it goes by is in the
 * database, so a restarted server carries on where the last one was; at start it first settles
 * what the last one left started.
 */
@Component
class SandboxReaper {

    private static final Logger log = LoggerFactory.getLogger(SandboxReaper.class);

    private final SandboxService sandboxes;
    private final SandboxSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-reaper").factory());

    SandboxReaper(SandboxService sandboxes, SandboxSettings settings, Clock clock) {
        this.sandboxes = sandboxes;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        sandboxes.settleAfterRestart();
        timer.scheduleWithFixedDelay(this::sweep, settings.reaperIntervalMs(), settings.reaperIntervalMs(), TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void end() {
        timer.shutdownNow();
    }

    void sweep() {
        long now = clock.millis();
        long minute = settings.minute().toMillis();
        SandboxStore store = sandboxes.store();
        for (SandboxRecord s : store.inStates(List.of(SandboxState.STARTED))) {
            if (s.autoStopMinutes() > 0 && now - s.lastActivityAt() >= s.autoStopMinutes() * minute
                    && sandboxes.idleConnections(s.id())) {
                quietly(() -> sandboxes.stop(s.id(), "idle for " + s.autoStopMinutes() + " minutes", false));
            }
        }
        for (SandboxRecord s : store.inStates(List.of(SandboxState.STOPPED, SandboxState.ARCHIVED, SandboxState.ERROR))) {
            long stoppedFor = now - s.stateChangedAt();
            if (s.autoDeleteMinutes() >= 0 && stoppedFor >= s.autoDeleteMinutes() * minute) {
                quietly(() -> sandboxes.delete(s.id(), false));
            } else if (s.state() == SandboxState.STOPPED && s.autoArchiveMinutes() > 0
                    && stoppedFor >= s.autoArchiveMinutes() * minute) {
                quietly(() -> sandboxes.archive(s.id(), "stopped for " + s.autoArchiveMinutes() + " minutes", false));
            }
        }
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // Another request changed the sandbox first, or its host refused: the next sweep sees it again.
            log.warn("A sandbox's lifecycle step did not happen: {}", e.getMessage());
        }
    }
}
