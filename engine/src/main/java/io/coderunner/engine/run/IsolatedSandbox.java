package io.coderunner.engine.run;

import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.OutputListener;
import io.coderunner.engine.RunEnvironment;
import io.coderunner.engine.RunHandle;
import io.coderunner.engine.Resident;
import io.coderunner.engine.ResidentSpec;
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
import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import io.coderunner.engine.Terminal;
import io.coderunner.engine.TerminalListener;
import io.coderunner.engine.TerminalSpec;
import io.coderunner.engine.cgroup.RunCgroup;
import io.coderunner.engine.language.Mount;
import io.coderunner.engine.language.MountPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
    private final boolean root;
    private final TerminalSlots terminalSlots = new TerminalSlots();
    private final Set<PtyTerminal> terminals = ConcurrentHashMap.newKeySet();
    private final ResidentSlots residentSlots;
    private final Set<AgentResident> residents = ConcurrentHashMap.newKeySet();
    /** Callers' own uids that open resident sandboxes run as now: one sandbox each. */
    private final Set<Integer> callerUids = ConcurrentHashMap.newKeySet();
    /** What the resident sandboxes' agent needs of the host: Python's toolchain, found on first use. */
    private volatile List<Mount> agentMounts;
    /**
     * Host directories a run or terminal works in now. Only one at a time may: the directory belongs
     * to that sandbox's uid while it works, and a second one would take it away from the first.
     */
    private final Set<Path> directoriesInUse = ConcurrentHashMap.newKeySet();
    private final Launcher terminalLauncher;
    private final int fileSizeBlockBytes = ShellRlimits.fileSizeBlockBytes();

    /** How long a resident sandbox's agent may take to say it is ready. */
    private static final java.time.Duration RESIDENT_START_TIMEOUT = java.time.Duration.ofSeconds(20);
    /** The agent's program, in the resident's control directory. */
    private static final String AGENT_FILE = "resident-agent.py";

    /** Host paths a terminal sees besides its toolchains: the shell's tools, git, terminal descriptions. */
    private static final List<String> TERMINAL_PATHS = List.of("/bin", "/usr/bin", "/etc/alternatives",
            "/usr/lib/git-core", "/usr/share/git-core", "/usr/share/terminfo", "/lib/terminfo", "/usr/share/zoneinfo");

    public IsolatedSandbox(Isolation isolation, CgroupSystem cgroups, SandboxConfig config, boolean root) {
        isolation.verifyAvailable();
        this.isolation = isolation;
        this.cgroups = cgroups;
        this.config = config;
        this.slots = new SlotPool(config.root().resolve("slots"), config.slots(), root ? config.uidBase() : null);
        this.timers = Executors.newScheduledThreadPool(1, Thread.ofPlatform().daemon().name("sandbox-timer").factory());
        this.stages = new StageRunner(isolation, cgroups, timers);
        this.root = root;
        this.terminalLauncher = new Launcher(!isolation.dropsPrivilegesItself());
        this.residentSlots = new ResidentSlots(root ? config.uidBase() : null);
    }

    @Override
    public RunHandle start(RunSpec spec, OutputListener listener) {
        StdinChannel stdin = spec.interactive() ? new StdinChannel() : StdinChannel.of(spec.stdin());
        RunControl control = new RunControl();
        CompletableFuture<RunResult> result = new CompletableFuture<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        result.whenComplete((done, failure) -> started.complete(null));
        if (spec.language().preview()) {
            result.complete(RunResult.preview(spec.mainFile().content()));
        } else {
            // Claimed here, not when a slot is free, so that a directory in use is refused to the caller at once.
            if (spec.workDir() != null) {
                claim(spec.workDir());
            }
            try {
                EngineThreads.start("run-" + spec.language().id(), () -> runInSlot(spec, stdin, listener, control, started, result));
            } catch (RuntimeException e) {
                release(spec);
                throw e;
            }
        }
        return new Handle(stdin, control, started, result);
    }

    private void runInSlot(RunSpec spec, StdinChannel stdin, OutputListener listener, RunControl control,
                           CompletableFuture<Void> started, CompletableFuture<RunResult> result) {
        Slot slot;
        try {
            slot = slots.acquire();
            started.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(spec);
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
            result.complete(RunResult.internalError("the engine failed: "
                    + HostPathText.hide(t.getMessage(), spec.workDir(), config.root())));
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
        // A sandbox with network is not started ahead: its own namespace and pasta would wait
        // for a run that may never come, and the allow-list setting could change meanwhile.
        if (next != null && !slots.closed() && !next.limits().network()) {
            prepareAhead(slot, next);
        }
        slots.release(slot);
    }

    private RunResult execute(RunSpec spec, StdinChannel stdin, OutputListener listener, RunControl control, Slot slot) {
        Path hostDir = spec.workDir();
        try {
            Language language = spec.language();
            Path workDir;
            if (hostDir == null) {
                slot.prepare(spec.files(), spec.limits().diskBytes());
                workDir = slot.workDir();
            } else {
                HostDirectory.lend(hostDir, slot.uid());
                HostDirectory.write(hostDir, spec.files(), slot.uid());
                workDir = hostDir;
            }
            if (spec.environment() != null && spec.environment().writable() && slot.uid() != null) {
                EnvironmentOwner.handTo(spec.environment().hostDir(), slot.uid());
            }
            StageResult compile = null;
            if (language.compiled()) {
                compile = executeStage(slot, compileStage(spec, slot).in(workDir), StdinChannel.of(new byte[0]), listener, control);
                if (compile.status() != Status.OK) {
                    return RunResult.compileFailed(compile);
                }
            }
            StageResult run = executeStage(slot, programStage(spec, slot).in(workDir), stdin, listener, control);
            return RunResult.ofRun(compile, run);
        } catch (SandboxException e) {
            log.error("Sandbox failure in slot {}: {}", slot.index(), e.getMessage());
            return RunResult.internalError(HostPathText.hide(e.getMessage(), spec.workDir(), config.root()));
        } finally {
            if (hostDir != null) {
                // Every process of the run is gone by now (its stage's group was killed).
                try {
                    HostDirectory.reclaim(hostDir, slot.uid());
                } catch (SandboxException e) {
                    log.error("The run's work directory was not taken back: {}", e.getMessage());
                } finally {
                    release(spec);
                }
            }
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
            // The sandbox binds the work directory as it is now: it must already be the mount the
            // next run's files are written to (after a run in a project's folder the slot may not
            // have one yet, and mounting it later would hide the files from the waiting sandbox).
            slot.mountWorkDir(stage.limits().diskBytes());
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
    public Terminal openTerminal(TerminalSpec spec, TerminalListener listener) {
        if (slots.closed()) {
            throw new SandboxException("the sandbox is shutting down");
        }
        int number = terminalSlots.take();
        Integer uid = root ? config.uidBase() + TerminalSlots.UID_OFFSET + number : null;
        String group = "term-" + number;
        RunCgroup cgroup = null;
        UserModeNetwork network = null;
        boolean lent = false;
        try {
            Path stateDir = terminalStateDir(number, uid);
            Stage stage = terminalStage(spec, stateDir, uid);
            List<String> isolated = isolation.terminalCommand(stage, terminalInit(spec));
            claim(spec.workDir());
            lent = true;
            cgroup = cgroups.create(group, isolation.hostLimits(spec.limits()), spec.cpuCores());
            HostDirectory.lend(spec.workDir(), uid);
            if (spec.limits().network() && isolation.needsUserModeNetwork()) {
                network = UserModeNetwork.open(group, NetworkPolicy.of(spec.limits().networkAccess()));
            }
            List<String> command = terminalLauncher.command(stage, cgroup.procsFiles(), isolated, isolation.descriptors(stage),
                    network == null ? null : network.path());
            PtyProcessBuilder builder = new PtyProcessBuilder(command.toArray(String[]::new))
                    .setEnvironment(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "TERM", "xterm-256color"))
                    .setDirectory("/")
                    .setInitialColumns(spec.cols())
                    .setInitialRows(spec.rows())
                    .setRedirectErrorStream(true)
                    .setConsole(false);
            PtyProcess process = EngineThreads.spawn(builder::start, "a terminal");
            ProcessHandle.of(process.pid()).ifPresent(cgroup::attached);
            RunCgroup owned = cgroup;
            UserModeNetwork ownedNetwork = network;
            PtyTerminal[] self = new PtyTerminal[1];
            PtyTerminal terminal = new PtyTerminal(spec, uid, cgroup, process, listener, () -> {
                terminals.remove(self[0]);
                owned.close();
                if (ownedNetwork != null) {
                    ownedNetwork.close();
                }
                try {
                    HostDirectory.reclaim(spec.workDir(), uid);
                } catch (SandboxException e) {
                    // A tree too deep to walk, an immutable file: the top folder is the server's
                    // again all the same (see reclaim), and ending the terminal must not fail.
                    log.error("The terminal's work directory was not wholly taken back: {}", e.getMessage());
                } finally {
                    directoriesInUse.remove(spec.workDir());
                    terminalSlots.give(number);
                }
            });
            self[0] = terminal;
            terminals.add(terminal);
            return terminal;
        } catch (IOException | RuntimeException e) {
            if (cgroup != null) {
                cgroup.close();
            }
            if (network != null) {
                network.close();
            }
            if (lent) {
                try {
                    HostDirectory.reclaim(spec.workDir(), uid);
                } finally {
                    directoriesInUse.remove(spec.workDir());
                }
            }
            terminalSlots.give(number);
            if (e instanceof SandboxException sandboxException) {
                throw sandboxException;
            }
            throw new SandboxException("cannot open a terminal: " + e.getMessage(), e);
        }
    }

    /**
     * A sandbox that stays up with its agent as first process ({@link AgentResident}): like a
     * terminal, its own control group, uid, network and home directory, but with plain pipes to
     * the agent instead of a pseudo-terminal. Only runtimes with {@link Isolation#residentCommand}
     * (bubblewrap) keep one; the others refuse with a {@link SandboxException}.
     */
    @Override
    public Resident openResident(ResidentSpec spec) {
        if (slots.closed()) {
            throw new SandboxException("the sandbox is shutting down");
        }
        Integer ownUid = root ? spec.hostUid() : null;
        if (ownUid != null && ResidentSlots.engineOwn(config.uidBase(), ownUid)) {
            throw new io.coderunner.engine.InvalidRunException("the host uid " + ownUid + " is one of the engine's own ("
                    + config.uidBase() + " and on)");
        }
        if (ownUid != null && !callerUids.add(ownUid)) {
            throw new SandboxException("another open sandbox runs as host uid " + ownUid);
        }
        int number;
        try {
            number = residentSlots.take();
        } catch (RuntimeException e) {
            if (ownUid != null) {
                callerUids.remove(ownUid);
            }
            throw e;
        }
        Integer uid = root ? (ownUid != null ? ownUid : residentSlots.uid(number)) : null;
        String group = "res-" + number;
        // The directories the sandbox's uid is lent while it is open: its home, unless it is the
        // caller's uid's already. Volumes are shown as the caller made them.
        List<Path> lentDirs = new ArrayList<>();
        RunCgroup cgroup = null;
        UserModeNetwork network = null;
        AgentResident made = null;
        boolean claimedHome = false;
        try {
            Path stateDir = controlDir("residents", group, uid);
            Path agentFile = writeAgent(stateDir);
            Stage stage = residentStage(spec, stateDir, uid);
            List<String> isolated = isolation.residentCommand(stage, residentInit(spec,
                    isolation.controlDir(stage) + "/" + agentFile.getFileName()));
            claim(spec.homeDir());
            claimedHome = true;
            if (ownUid == null) {
                lentDirs.add(spec.homeDir());
            }
            cgroup = cgroups.create(group, isolation.hostLimits(spec.limits()), spec.cpuCores());
            for (Path dir : lentDirs) {
                HostDirectory.lend(dir, uid);
            }
            if (spec.limits().network() && isolation.needsUserModeNetwork()) {
                network = UserModeNetwork.open(group, NetworkPolicy.of(spec.limits().networkAccess()));
            }
            List<String> command = terminalLauncher.command(stage, cgroup.procsFiles(), isolated, isolation.descriptors(stage),
                    network == null ? null : network.path());
            ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile());
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            Process agent = EngineThreads.spawn(builder);
            cgroup.attached(agent.toHandle());
            RunCgroup owned = cgroup;
            UserModeNetwork ownedNetwork = network;
            AgentResident[] self = new AgentResident[1];
            AgentResident resident = new AgentResident(agent, cgroup, () -> {
                residents.remove(self[0]);
                owned.close();
                if (ownedNetwork != null) {
                    ownedNetwork.close();
                }
                giveBack(spec.homeDir(), lentDirs, uid, ownUid, number);
            });
            self[0] = resident;
            made = resident;
            residents.add(resident);
            // Closes the sandbox (and gives everything back) when the agent does not answer.
            resident.awaitReady(RESIDENT_START_TIMEOUT);
            return resident;
        } catch (IOException | RuntimeException e) {
            if (made != null) {
                // Its own close gives everything back.
                made.close();
            } else {
                if (cgroup != null) {
                    cgroup.close();
                }
                if (network != null) {
                    network.close();
                }
                giveBack(claimedHome ? spec.homeDir() : null, lentDirs, uid, ownUid, number);
            }
            if (e instanceof io.coderunner.engine.DirectoryInUseException || e instanceof io.coderunner.engine.InvalidRunException) {
                throw (RuntimeException) e;
            }
            // bubblewrap's own errors name the engine's directories, which are not the caller's to know.
            String reason = HostPathText.hide(e.getMessage(), spec.homeDir(), config.root());
            throw new SandboxException(e instanceof SandboxException ? reason : "cannot open a sandbox: " + reason, e);
        }
    }

    /**
     * Gives back what a resident held: the directories lent to its uid (taken back for the server
     * first), its home directory's claim (null when it had none yet), the caller's uid and its number.
     */
    private void giveBack(Path claimedHome, List<Path> lentDirs, Integer uid, Integer ownUid, int number) {
        try {
            for (Path dir : lentDirs) {
                try {
                    HostDirectory.reclaim(dir, uid);
                } catch (SandboxException e) {
                    // As for a terminal: the top folder is the server's again all the same.
                    log.error("A sandbox's directory was not wholly taken back: {}", e.getMessage());
                }
            }
        } finally {
            if (claimedHome != null) {
                directoriesInUse.remove(claimedHome);
            }
            if (ownUid != null) {
                callerUids.remove(ownUid);
            }
            residentSlots.give(number);
        }
    }

    @Override
    public DirectoryHold holdDirectory(Path dir) {
        claim(dir);
        return () -> directoriesInUse.remove(dir);
    }

    private void claim(Path dir) {
        if (!directoriesInUse.add(dir)) {
            throw new io.coderunner.engine.DirectoryInUseException("the directory is in use by another run or terminal session: "
                    + "wait for it to end");
        }
    }

    /** Gives back the run's work directory, claimed when it was started. */
    private void release(RunSpec spec) {
        if (spec.workDir() != null) {
            directoriesInUse.remove(spec.workDir());
        }
    }

    /** The terminal's control directory: empty, but the runtime shows one to every sandbox. */
    private Path terminalStateDir(int number, Integer uid) throws IOException {
        return controlDir("terminals", "term-" + number, uid);
    }

    /**
     * A control directory of a terminal's or resident's, under the engine's root: the sandbox sees
     * it read-only, and its uid may read it, but the files in it are the engine's.
     */
    private Path controlDir(String kind, String name, Integer uid) throws IOException {
        Path base = config.root().resolve(kind);
        Files.createDirectories(base);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        Path dir = base.resolve(name);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(uid == null ? "rwx------" : "r-x------"));
        if (uid != null) {
            Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dir, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        return dir;
    }

    /** Puts the agent's program into a resident's control directory (the engine's file, readable by all). */
    private static Path writeAgent(Path controlDir) throws IOException {
        Path file = controlDir.resolve(AGENT_FILE);
        byte[] program;
        try (var in = IsolatedSandbox.class.getResourceAsStream(AGENT_FILE)) {
            if (in == null) {
                throw new IOException("the engine lacks " + AGENT_FILE);
            }
            program = in.readAllBytes();
        }
        // The directory is the sandbox uid's (read-only to it), so the file is replaced rather than
        // written into: whatever is there now is not followed.
        Path fresh = Files.createTempFile(controlDir.getParent(), "agent", ".py");
        Files.write(fresh, program);
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("r--r--r--"));
        Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static Stage terminalStage(TerminalSpec spec, Path stateDir, Integer uid) {
        MountPlanner planner = new MountPlanner();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", Stage.SANDBOX_WORK_DIR);
        env.put("TMPDIR", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("USER", "runner");
        env.put("SHELL", "/usr/bin/bash");
        env.put("TERM", "xterm-256color");
        env.put("PS1", "\\w $ ");
        for (Language language : spec.toolchains()) {
            language.mounts().forEach(planner::add);
            language.env().forEach(env::putIfAbsent);
        }
        for (String path : TERMINAL_PATHS) {
            if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
                planner.add(Path.of(path));
            }
        }
        List<Mount> mounts = planner.plan();
        RunEnvironment environment = spec.environment();
        if (environment != null) {
            // As for a run: its variables (PATH with its programs first) and its directory, read-only.
            env.putAll(environment.variables());
            List<Mount> withEnvironment = new ArrayList<>(mounts);
            environment.mounts().stream().filter(mount -> !withEnvironment.contains(mount)).forEach(withEnvironment::add);
            withEnvironment.add(environment.mount());
            mounts = withEnvironment;
        }
        return new Stage(OutputFrame.Stage.RUN, spec.command(), env, mounts, spec.limits(), spec.workDir(), stateDir, uid);
    }

    /**
     * A resident's view: as a terminal's (the shell's tools, the toolchains asked for, the
     * environment), plus Python's for the agent, the volumes, and the home directory at
     * {@link ResidentSpec#HOME}.
     */
    private Stage residentStage(ResidentSpec spec, Path stateDir, Integer uid) {
        MountPlanner planner = new MountPlanner();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", ResidentSpec.HOME);
        env.put("TMPDIR", "/tmp");
        env.put("LANG", "C.UTF-8");
        env.put("USER", "runner");
        env.put("SHELL", "/usr/bin/bash");
        for (Language language : spec.toolchains()) {
            language.mounts().forEach(planner::add);
            language.env().forEach(env::putIfAbsent);
        }
        agentMounts().forEach(planner::add);
        for (String path : TERMINAL_PATHS) {
            if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
                planner.add(Path.of(path));
            }
        }
        List<Mount> mounts = new ArrayList<>(planner.plan());
        RunEnvironment environment = spec.environment();
        if (environment != null) {
            env.putAll(environment.variables());
            environment.mounts().stream().filter(mount -> !mounts.contains(mount)).forEach(mounts::add);
            mounts.add(environment.mount());
        }
        for (ResidentSpec.VolumeMount volume : spec.volumes()) {
            for (Mount shown : mounts) {
                if (ResidentSpec.VolumeMount.overlaps(volume.sandboxPath(), shown.target())) {
                    throw new io.coderunner.engine.InvalidRunException("a volume cannot be shown at " + volume.sandboxPath()
                            + ": the sandbox shows " + shown.target() + " there");
                }
            }
        }
        spec.env().forEach(env::put);
        for (ResidentSpec.VolumeMount volume : spec.volumes()) {
            if (!Files.isDirectory(volume.hostDir(), LinkOption.NOFOLLOW_LINKS)) {
                throw new SandboxException("a volume's host directory " + volume.hostDir() + " is not a directory");
            }
            mounts.add(new Mount(volume.readOnly() ? Mount.Kind.VOLUME_READ_ONLY : Mount.Kind.VOLUME_WRITABLE,
                    volume.hostDir().toString(), volume.sandboxPath()));
        }
        return new Stage(OutputFrame.Stage.RUN, List.of(), env, mounts, spec.limits(), spec.homeDir(), stateDir, uid,
                ResidentSpec.HOME);
    }

    private List<Mount> agentMounts() {
        if (agentMounts == null) {
            agentMounts = io.coderunner.engine.language.LanguageRegistry.builtInMounts("python");
        }
        return agentMounts;
    }

    /** Sets the sandbox's rlimits (no CPU-time one: it stays up) and execs the agent. */
    private List<String> residentInit(ResidentSpec spec, String agentPath) {
        long fileBlocks = Math.max(1, spec.limits().maxFileBytes() / fileSizeBlockBytes);
        return List.of("/usr/bin/sh", "-c",
                "ulimit -c 0 && ulimit -f " + fileBlocks + " && ulimit -n " + spec.limits().maxOpenFiles()
                        + " || exit " + Launcher.SETUP_FAILED + "\nexec \"$@\"", "coderunner-resident",
                "/usr/bin/python3", "-I", "-S", agentPath);
    }

    /** Sets the session's rlimits (no CPU-time one: a session is long) and execs its command. */
    private List<String> terminalInit(TerminalSpec spec) {
        long fileBlocks = Math.max(1, spec.limits().maxFileBytes() / fileSizeBlockBytes);
        List<String> init = new ArrayList<>(List.of("/usr/bin/sh", "-c",
                "ulimit -c 0 && ulimit -f " + fileBlocks + " && ulimit -n " + spec.limits().maxOpenFiles()
                        + " || exit " + Launcher.SETUP_FAILED + "\nexec \"$@\"", "coderunner-terminal"));
        init.addAll(spec.command());
        return init;
    }

    /** Terminals open now. */
    public int openTerminals() {
        return terminals.size();
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
        // Nothing of a terminal outlives the sandbox.
        for (PtyTerminal terminal : List.copyOf(terminals)) {
            terminal.close();
        }
        for (AgentResident resident : List.copyOf(residents)) {
            resident.close();
        }
        timers.shutdownNow();
        slots.close();
        cgroups.close();
    }

    private record Handle(StdinChannel stdin, RunControl control, CompletableFuture<Void> started,
                          CompletableFuture<RunResult> result) implements RunHandle {

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
