package io.coderunner.engine.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the kernel's cgroup migration lock in its fast state while runs keep coming.
 *
 * <p>Moving a process into a cgroup takes {@code cgroup_threadgroup_rwsem} for writing, and the
 * first writer after a quiet spell waits for an RCU grace period: about 10 ms here, which was
 * most of the engine's overhead per run. Writers that follow within a grace period do not wait.
 * So, while the engine is busy, an idle helper process is moved into its own cgroup every couple
 * of milliseconds (a no-op move that costs microseconds), and the launcher's own move is fast.
 * Hosts that mount cgroups with {@code favordynmods} do not need this; nothing here assumes either.
 */
final class MigrationWarmer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MigrationWarmer.class);
    private static final long PERIOD_MICROS = 2_000;
    private static final long STAY_WARM_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Path procsFile;
    private final Process idle;
    private final String idlePid;
    private final ScheduledExecutorService ticker;
    private volatile long lastUse;

    private MigrationWarmer(Path procsFile, Process idle) {
        this.procsFile = procsFile;
        this.idle = idle;
        this.idlePid = Long.toString(idle.pid());
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("cgroup-warmer").factory());
        ticker.scheduleAtFixedRate(this::tick, PERIOD_MICROS, PERIOD_MICROS, TimeUnit.MICROSECONDS);
    }

    /** Starts a warmer whose helper lives in the group of {@code procsFile}; null when it cannot. */
    static MigrationWarmer start(Path procsFile) {
        try {
            // The helper waits on its standard input, which closes when the engine's JVM ends.
            Process idle = new ProcessBuilder("/bin/sh", "-c", "read line").start();
            if (!CgroupFiles.tryWrite(procsFile, Long.toString(idle.pid()))) {
                idle.destroyForcibly();
                return null;
            }
            return new MigrationWarmer(procsFile, idle);
        } catch (IOException e) {
            log.debug("cgroup migration warmer not started: {}", e.getMessage());
            return null;
        }
    }

    /** A stage is about to join its groups: stay warm for a while. */
    void touch() {
        lastUse = System.nanoTime();
    }

    private void tick() {
        if (System.nanoTime() - lastUse < STAY_WARM_NANOS) {
            CgroupFiles.tryWrite(procsFile, idlePid);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        idle.destroyForcibly();
        try {
            // No tick may still be writing once the engine's groups are removed.
            ticker.awaitTermination(1, TimeUnit.SECONDS);
            idle.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
