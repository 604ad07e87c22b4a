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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one stage in two steps. {@link #prepare} starts the sandbox in the stage's control group and
 * leaves it waiting; {@link #run} gives it the stage's limits and command, says {@code go}, feeds
 * input, collects output, enforces wall time, CPU time and output limits, and when the stage ends
 * by any cause kills whatever is left of it before reading the accounting. Preparing ahead is what
 * keeps the sandbox's own start-up (namespaces, mounts) off a run's latency.
 */
final class StageRunner {

    private static final long CPU_CHECK_MS = 20;

    private final Isolation isolation;
    private final CgroupSystem cgroups;
    private final Launcher launcher;
    private final ScheduledExecutorService timers;
    private final int fileSizeBlockBytes;
    /** Numbers the network namespaces: a slot's next sandbox may be started while its last still runs. */
    private static final java.util.concurrent.atomic.AtomicLong NETWORKS = new java.util.concurrent.atomic.AtomicLong();

    StageRunner(Isolation isolation, CgroupSystem cgroups, ScheduledExecutorService timers) {
        this.isolation = isolation;
        this.cgroups = cgroups;
        this.timers = timers;
        this.launcher = new Launcher(!isolation.dropsPrivilegesItself());
        this.fileSizeBlockBytes = ShellRlimits.fileSizeBlockBytes();
    }

    /** Starts a sandbox for stages like this one; it waits for {@link #run}. */
    PreparedStage prepare(Stage stage, String groupName) {
        RunCgroup cgroup = cgroups.create(groupName, isolation.hostLimits(stage.limits()));
        UserModeNetwork network = null;
        try {
            if (stage.limits().network() && isolation.needsUserModeNetwork()) {
                network = UserModeNetwork.open(groupName + "-" + NETWORKS.incrementAndGet(),
                        NetworkPolicy.of(stage.limits().networkAccess()));
            }
            List<String> init = StageScript.init(isolation.controlDir(stage));
            List<String> command = launcher.command(stage, cgroup.procsFiles(), isolation.command(stage, init),
                    isolation.descriptors(stage), network == null ? null : network.path());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            Process process = EngineThreads.spawn(builder);
            cgroup.attached(process.toHandle());
            OutputCollector out = new OutputCollector(stage.kind(), OutputFrame.Stream.STDOUT);
            OutputCollector err = new OutputCollector(stage.kind(), OutputFrame.Stream.STDERR);
            Thread outReader = EngineThreads.start("stdout-" + groupName, () -> out.drain(process.getInputStream()));
            Thread errReader = EngineThreads.start("stderr-" + groupName, () -> err.drain(process.getErrorStream()));
            return new PreparedStage(stage.launchKey(), cgroup, process, out, err, outReader, errReader, network);
        } catch (IOException | RuntimeException e) {
            cgroup.close();
            if (network != null) {
                network.close();
            }
            throw new SandboxException("cannot start the sandbox launcher: " + e.getMessage(), e);
        }
    }

    StageResult run(PreparedStage prepared, Stage stage, StdinChannel stdin, OutputListener listener, RunControl control) {
        RunCgroup cgroup = prepared.cgroup;
        Process process = prepared.process;
        Limits limits = stage.limits();
        try (cgroup; UserModeNetwork ignored = prepared.network) {
            if (control.stopped()) {
                prepared.discard();
                return stopped();
            }
            AtomicReference<Termination> termination = new AtomicReference<>();
            // A kill runs on a timer, reader or caller thread and may still be emptying the group when
            // the runtime has exited. The stage ends only once no kill is under way, and none starts
            // after: the slot's next sandbox joins this same group, and a late kill would end it.
            Object killing = new Object();
            AtomicBoolean ended = new AtomicBoolean();
            Runnable[] terminate = new Runnable[Termination.values().length];
            for (Termination cause : Termination.values()) {
                terminate[cause.ordinal()] = () -> {
                    synchronized (killing) {
                        if (termination.compareAndSet(null, cause) && !ended.get()) {
                            cgroup.killAll();
                        }
                    }
                };
            }
            Runnable outputLimit = terminate[Termination.OUTPUT.ordinal()];
            prepared.out.startRun(listener, limits.maxOutputBytes(), outputLimit);
            prepared.err.startRun(listener, limits.maxOutputBytes(), outputLimit);
            StageScript.write(stage, fileSizeBlockBytes);
            cgroup.apply(isolation.hostLimits(limits));

            long started = System.nanoTime();
            OutputStream input = process.getOutputStream();
            try {
                input.write(StageScript.GO.getBytes(StandardCharsets.US_ASCII));
                input.flush();
            } catch (IOException e) {
                // The sandbox died while waiting; its stderr says why, and the checks below report it.
            }
            Thread inWriter = EngineThreads.start("stdin-" + stage.kind(), () -> stdin.pumpTo(input));
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
            synchronized (killing) {
                ended.set(true);
            }
            wallTimer.cancel(false);
            cpuWatch.cancel(false);
            control.onStop(() -> { });

            // The runtime has exited; anything the program left behind (a detached daemon) dies now,
            // which also closes the pipes it may hold so that the readers finish.
            cgroup.killAll();
            joinQuietly(prepared.outReader);
            joinQuietly(prepared.errReader);
            stdin.abandon();
            inWriter.interrupt();

            return result(stage, termination.get(), exitCode, wallNanos, cgroup, prepared);
        }
    }

    private StageResult result(Stage stage, Termination cause, int exitCode, long wallNanos, RunCgroup cgroup,
                               PreparedStage prepared) {
        String stderr = prepared.err.text();
        StageOutcome outcome = new StageOutcome(cause, exitCode, isolation.setupFailed(exitCode, stderr), cgroup.oomKilled(),
                cgroup.cpuTimeNanos(), wallNanos, cgroup.peakMemoryBytes(),
                prepared.out.text(), prepared.out.truncated(), stderr, prepared.err.truncated());
        return outcome.result(stage.limits());
    }

    private static StageResult stopped() {
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
}
