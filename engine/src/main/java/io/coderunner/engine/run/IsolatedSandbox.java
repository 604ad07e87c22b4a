package io.coderunner.engine.run;

import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.OutputListener;
import io.coderunner.engine.RunEnvironment;
import io.coderunner.engine.RunHandle;
import io.coderunner.engine.RunResult;
import io.coderunner.engine.RunSpec;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxConfig;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.SandboxInfo;
import io.coderunner.engine.StageResult;
import io.coderunner.engine.Status;
import io.coderunner.engine.cgroup.CgroupSystem;
import io.coderunner.engine.language.CommandTemplate;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.Mount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox every runtime shares: slots, stages, limits, accounting and clean-up. What differs
 * between runtimes (bubblewrap, gVisor, a plain process) is only the {@link Isolation}.
 */
public final class IsolatedSandbox implements Sandbox {

    private static final Logger log = LoggerFactory.getLogger(IsolatedSandbox.class);

    private final Isolation isolation;
    private final CgroupSystem cgroups;
    private final SlotPool slots;
    private final StageRunner stages;
    private final SandboxConfig config;
    private final ScheduledExecutorService timers;

    public IsolatedSandbox(Isolation isolation, CgroupSystem cgroups, SandboxConfig config, boolean root) {
        isolation.verifyAvailable();
        this.isolation = isolation;
        this.cgroups = cgroups;
        this.config = config;
        this.slots = new SlotPool(config.root().resolve("slots"), config.slots(), root ? config.uidBase() : null);
        this.timers = Executors.newScheduledThreadPool(1, Thread.ofPlatform().daemon().name("sandbox-timer").factory());
        this.stages = new StageRunner(isolation, cgroups, timers);
    }

    @Override
    public RunHandle start(RunSpec spec, OutputListener listener) {
        StdinChannel stdin = spec.interactive() ? new StdinChannel() : StdinChannel.of(spec.stdin());
        RunControl control = new RunControl();
        CompletableFuture<RunResult> result = new CompletableFuture<>();
        if (spec.language().preview()) {
            result.complete(RunResult.preview(spec.mainFile().content()));
        } else {
            EngineThreads.start("run-" + spec.language().id(), () -> runInSlot(spec, stdin, listener, control, result));
        }
        return new Handle(stdin, control, result);
    }

    private void runInSlot(RunSpec spec, StdinChannel stdin, OutputListener listener, RunControl control,
                           CompletableFuture<RunResult> result) {
        Slot slot;
        try {
            slot = slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.complete(RunResult.internalError("interrupted while waiting for a free sandbox"));
            return;
        }
        Stage next = null;
        try {
            result.complete(execute(spec, stdin, listener, control, slot));
            // The next sandbox is started without the environment: it is the caller's, not the slot's.
            next = firstStage(spec.withEnvironment(null), slot);
        } catch (Throwable t) {
            log.error("Run failed inside the engine", t);
            result.complete(RunResult.internalError("the engine failed: " + t.getMessage()));
        } finally {
            stdin.abandon();
            recycle(slot, next);
        }
    }

    /** Cleans the slot, starts its next sandbox (expecting a run like the last one) and frees it. */
    private void recycle(Slot slot, Stage next) {
        try {
            slot.clean();
        } catch (SandboxException e) {
            log.error("Slot {} could not be cleaned and is taken out of use: {}", slot.index(), e.getMessage());
            slots.retire(slot);
            return;
        }
        if (next != null && !slots.closed()) {
            prepareAhead(slot, next);
        }
        slots.release(slot);
    }

    private RunResult execute(RunSpec spec, StdinChannel stdin, OutputListener listener, RunControl control, Slot slot) {
        try {
            Language language = spec.language();
            slot.prepare(spec.files(), spec.limits().diskBytes());
            if (spec.environment() != null && spec.environment().writable() && slot.uid() != null) {
                EnvironmentOwner.handTo(spec.environment().hostDir(), slot.uid());
            }
            StageResult compile = null;
            if (language.compiled()) {
                compile = executeStage(slot, compileStage(spec, slot), StdinChannel.of(new byte[0]), listener, control);
                if (compile.status() != Status.OK) {
                    return RunResult.compileFailed(compile);
                }
            }
            StageResult run = executeStage(slot, programStage(spec, slot), stdin, listener, control);
            return RunResult.ofRun(compile, run);
        } catch (SandboxException e) {
            log.error("Sandbox failure in slot {}: {}", slot.index(), e.getMessage());
            return RunResult.internalError(e.getMessage());
        }
    }

    private StageResult executeStage(Slot slot, Stage stage, StdinChannel stdin, OutputListener listener, RunControl control) {
        PreparedStage ready = slot.takePrepared();
        if (ready != null && !ready.fits(stage)) {
            ready.discard();
            ready = null;
        }
        if (ready == null) {
            ready = stages.prepare(stage, slot.groupName());
        }
        return stages.run(ready, stage, stdin, listener, control);
    }

    private void prepareAhead(Slot slot, Stage stage) {
        try {
            slot.holdPrepared(stages.prepare(stage, slot.groupName()));
        } catch (SandboxException e) {
            log.warn("Could not start slot {}'s next sandbox ahead: {}", slot.index(), e.getMessage());
        }
    }

    private Stage firstStage(RunSpec spec, Slot slot) {
        return spec.language().compiled() ? compileStage(spec, slot) : programStage(spec, slot);
    }

    private Stage compileStage(RunSpec spec, Slot slot) {
        Limits limits = config.compileLimits().withNetwork(false);
        return stage(OutputFrame.Stage.COMPILE, spec.language().compile(), spec, limits, slot);
    }

    private Stage programStage(RunSpec spec, Slot slot) {
        return stage(OutputFrame.Stage.RUN, spec.language().run(), spec, spec.limits(), slot);
    }

    private Stage stage(OutputFrame.Stage kind, List<String> template, RunSpec spec, Limits limits, Slot slot) {
        Language language = spec.language();
        List<String> command = CommandTemplate.expand(template, language, spec.files(), spec.args(), limits.memoryBytes());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", Stage.SANDBOX_WORK_DIR);
        env.put("TMPDIR", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("USER", "runner");
        env.putAll(language.env());
        List<Mount> mounts = language.mounts();
        RunEnvironment environment = spec.environment();
        if (environment != null) {
            env.putAll(environment.variables());
            command = environment.applyTo(command);
            List<Mount> withEnvironment = new ArrayList<>(mounts);
            // A path the language shows already is not mounted twice.
            environment.mounts().stream().filter(mount -> !withEnvironment.contains(mount)).forEach(withEnvironment::add);
            withEnvironment.add(environment.mount());
            mounts = withEnvironment;
        }
        return new Stage(kind, command, env, mounts, limits, slot.workDir(), slot.stateDir(), slot.uid());
    }

    @Override
    public SandboxInfo info() {
        return new SandboxInfo(isolation.name(), cgroups.description(), slots.size(), isolation.isolated());
    }

    /** Whether each run's work directory is a tmpfs of bounded size. */
    public boolean diskBounded() {
        return slots.diskBounded();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        slots.close();
        cgroups.close();
    }

    private record Handle(StdinChannel stdin, RunControl control, CompletableFuture<RunResult> result) implements RunHandle {

        @Override
        public void writeStdin(byte[] data) {
            stdin.write(data);
        }

        @Override
        public void closeStdin() {
            stdin.close();
        }

        @Override
        public void stop() {
            control.stop();
        }
    }
}
