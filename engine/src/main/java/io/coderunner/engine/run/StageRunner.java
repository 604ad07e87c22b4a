package io.coderunner.engine.run;

import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.OutputListener;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.StageResult;
import io.coderunner.engine.Status;
import io.coderunner.engine.cgroup.CgroupSystem;
import io.coderunner.engine.cgroup.RunCgroup;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one stage: makes its control group, launches the runtime inside it, feeds input, collects
 * output, enforces wall time, CPU time and output limits, and when the stage ends by any cause
 * kills whatever is left of it before it reads the accounting and removes the group.
 */
final class StageRunner {

    private static final long CPU_CHECK_MS = 20;

    private final Isolation isolation;
    private final CgroupSystem cgroups;
    private final Launcher launcher;
    private final ScheduledExecutorService timers;

    StageRunner(Isolation isolation, CgroupSystem cgroups, Launcher launcher, ScheduledExecutorService timers) {
        this.isolation = isolation;
        this.cgroups = cgroups;
        this.launcher = launcher;
        this.timers = timers;
    }

    StageResult run(Stage stage, String groupName, StdinChannel stdin, OutputListener listener, RunControl control) {
        if (control.stopped()) {
            return stopped(stage);
        }
        Limits limits = stage.limits();
        try (RunCgroup cgroup = cgroups.create(groupName, limits)) {
            AtomicReference<Termination> termination = new AtomicReference<>();
            Runnable[] terminate = new Runnable[Termination.values().length];
            for (Termination cause : Termination.values()) {
                terminate[cause.ordinal()] = () -> {
                    if (termination.compareAndSet(null, cause)) {
                        cgroup.killAll();
                    }
                };
            }

            List<String> command = launcher.command(stage, cgroup.procsFiles(), isolation.command(stage),
                    isolation.descriptors(stage));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

            OutputCollector out = new OutputCollector(stage.kind(), OutputFrame.Stream.STDOUT, limits.maxOutputBytes(),
                    listener, terminate[Termination.OUTPUT.ordinal()]);
            OutputCollector err = new OutputCollector(stage.kind(), OutputFrame.Stream.STDERR, limits.maxOutputBytes(),
                    listener, terminate[Termination.OUTPUT.ordinal()]);

            long started = System.nanoTime();
            Process process = builder.start();
            cgroup.attached(process.toHandle());
            Thread outReader = Thread.ofVirtual().name("stdout-" + groupName).start(() -> out.drain(process.getInputStream()));
            Thread errReader = Thread.ofVirtual().name("stderr-" + groupName).start(() -> err.drain(process.getErrorStream()));
            Thread inWriter = Thread.ofVirtual().name("stdin-" + groupName).start(() -> stdin.pumpTo(process.getOutputStream()));

            ScheduledFuture<?> wallTimer = timers.schedule(terminate[Termination.WALL_TIME.ordinal()],
                    limits.wallTimeMs(), TimeUnit.MILLISECONDS);
            long cpuLimitNanos = TimeUnit.MILLISECONDS.toNanos(limits.cpuTimeMs());
            ScheduledFuture<?> cpuWatch = timers.scheduleAtFixedRate(() -> {
                if (cgroup.cpuTimeNanos() > cpuLimitNanos) {
                    terminate[Termination.CPU_TIME.ordinal()].run();
                }
            }, CPU_CHECK_MS, CPU_CHECK_MS, TimeUnit.MILLISECONDS);
            control.onStop(terminate[Termination.STOPPED.ordinal()]);

            int exitCode = waitFor(process);
            long wallNanos = System.nanoTime() - started;
            wallTimer.cancel(false);
            cpuWatch.cancel(false);
            control.onStop(() -> { });

            // The runtime has exited; anything the program left behind (a detached daemon) dies now,
            // which also closes the pipes it may hold so that the readers finish.
            cgroup.killAll();
            joinQuietly(outReader);
            joinQuietly(errReader);
            stdin.abandon();
            inWriter.interrupt();

            long cpuNanos = cgroup.cpuTimeNanos();
            if (cpuNanos > cpuLimitNanos) {
                termination.compareAndSet(null, Termination.CPU_TIME);
            }
            long memory = cgroup.peakMemoryBytes();
            boolean oom = cgroup.oomKilled();
            boolean setupFailed = exitCode == Launcher.SETUP_FAILED || isolation.setupFailed(exitCode, err.text());
            Integer signal = exitCode > 128 && exitCode < 128 + 65 ? exitCode - 128 : null;

            Status status;
            String reason = null;
            Termination cause = termination.get();
            if (cause == Termination.STOPPED) {
                status = Status.KILLED;
                reason = "stopped";
            } else if (cause == Termination.OUTPUT) {
                status = Status.OUTPUT_LIMIT;
                reason = "output limit of " + limits.maxOutputBytes() + " bytes per stream exceeded";
            } else if (cause == Termination.WALL_TIME) {
                status = Status.TIME_LIMIT;
                reason = "wall time limit of " + limits.wallTimeMs() + " ms exceeded";
            } else if (cause == Termination.CPU_TIME || (signal != null && signal == 24)) {
                status = Status.TIME_LIMIT;
                reason = "CPU time limit of " + limits.cpuTimeMs() + " ms exceeded";
            } else if (setupFailed) {
                status = Status.INTERNAL_ERROR;
                reason = "the sandbox could not start the program: " + firstLine(err.text());
            } else if (oom) {
                status = Status.MEMORY_LIMIT;
                reason = "memory limit of " + limits.memoryBytes() + " bytes exceeded";
            } else if (exitCode == 0) {
                status = Status.OK;
            } else {
                status = Status.RUNTIME_ERROR;
                if (signal != null && signal == 25) {
                    reason = "file size limit of " + limits.maxFileBytes() + " bytes exceeded";
                }
            }
            boolean exited = cause == null && status != Status.INTERNAL_ERROR;
            return new StageResult(status,
                    exited || cause == Termination.OUTPUT ? Integer.valueOf(exitCode) : null,
                    exited ? signal : (cause == null ? null : 9),
                    status == Status.INTERNAL_ERROR ? "" : out.text(),
                    status == Status.INTERNAL_ERROR ? "" : err.text(),
                    out.truncated(), err.truncated(),
                    TimeUnit.NANOSECONDS.toMillis(wallNanos), TimeUnit.NANOSECONDS.toMillis(cpuNanos), memory, reason);
        } catch (IOException e) {
            throw new SandboxException("cannot start the sandbox launcher: " + e.getMessage(), e);
        }
    }

    private static StageResult stopped(Stage stage) {
        return new StageResult(Status.KILLED, null, null, "", "", false, false, 0, 0, 0, "stopped");
    }

    private static int waitFor(Process process) {
        boolean interrupted = false;
        while (true) {
            try {
                int exitCode = process.waitFor();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return exitCode;
            } catch (InterruptedException e) {
                // A run is never abandoned half-way: its processes must be reaped and accounted.
                interrupted = true;
                process.destroyForcibly();
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
