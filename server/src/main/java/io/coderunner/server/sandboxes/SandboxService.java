package io.coderunner.server.sandboxes;

import io.coderunner.engine.ProcessSpec;
import io.coderunner.engine.SandboxException;
import io.coderunner.server.accounts.AccountClosed;
import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.security.Caller;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The sandboxes of owners: creating, starting, stopping, archiving and deleting them, each change
 * of state checked against the state it comes from and recorded; and the one place that decides
 * whether a caller may reach a sandbox ({@link #owned}).
 */
@Service
public class SandboxService {

    private static final Logger log = LoggerFactory.getLogger(SandboxService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final int DEFAULT_AUTO_STOP_MINUTES = 15;
    static final int FIRST_HOST_UID = 1_000_000;
    private static final Object HOST_UIDS = new Object();
    static final int DEFAULT_AUTO_ARCHIVE_MINUTES = 7 * 24 * 60;
    /** States in which a sandbox holds processes or is about to. */
    private static final List<SandboxState> RUNNING = List.of(SandboxState.CREATING, SandboxState.STARTING, SandboxState.STARTED);
    /** Activity is written down at most this often per sandbox: an exec loop must not become a write loop. */
    private static final long TOUCH_EVERY_MS = 1000;

    private final SandboxStore store;
    private final SnapshotStore snapshots;
    private final VolumeStore volumes;
    private final SandboxHost host;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<Long, Object> ownerLocks = new ConcurrentHashMap<>();
    private final Map<String, Long> touched = new ConcurrentHashMap<>();
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();
    /** Sandboxes whose end was asked for: their end is not news to {@link #onEnded}. */
    private final Set<String> stoppedOnRequest = ConcurrentHashMap.newKeySet();

    SandboxService(SandboxStore store, SnapshotStore snapshots, VolumeStore volumes, SandboxHost host, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.snapshots = snapshots;
        this.volumes = volumes;
        this.host = host;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    public SandboxView create(Caller caller, CreateSandboxRequest request) {
        SandboxOwner owner = SandboxOwner.of(caller);
        Tier tier = accounts.tierOf(caller);
        Tier.SandboxLimits limits = tier.sandboxes();
        String id = UUID.randomUUID().toString();
        String language = CodeRunCommands.language(request.language(), "python");
        String name = request.name() == null || request.name().isBlank() ? "sandbox-" + id.substring(0, 8) : request.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new BadRequestException("name must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit; was " + name);
        }
        double cpu = request.cpu() == null ? limits.cpuCores() : request.cpu();
        int memoryMb = request.memoryMb() == null ? limits.memoryMb() : request.memoryMb();
        int diskMb = request.diskMb() == null ? limits.diskMb() : request.diskMb();
        boolean network = request.network() == null ? tier.network() : request.network();
        within("cpu", cpu, limits.cpuCores(), 0.01, tier);
        within("memory_mb", memoryMb, limits.memoryMb(), 64, tier);
        within("disk_mb", diskMb, limits.diskMb(), 16, tier);
        if (network && !tier.network()) {
            throw new ForbiddenException(ProblemCodes.SANDBOX_LIMIT, "the " + tier.name() + " tier's sandboxes have no network",
                    Map.of("limit", "network", "tier", tier.name()));
        }
        String snapshot = request.snapshot() == null || request.snapshot().isBlank() ? null : usableSnapshot(owner, request.snapshot().strip());
        List<VolumeAttachment> attached = attachments(owner, request.volumes());
        Map<String, String> env = variables(request.env());
        Map<String, String> labels = labels(request.labels());
        int autoStop = minutes("auto_stop_minutes", request.autoStopMinutes(), DEFAULT_AUTO_STOP_MINUTES);
        int autoArchive = minutes("auto_archive_minutes", request.autoArchiveMinutes(), DEFAULT_AUTO_ARCHIVE_MINUTES);
        int autoDelete = request.autoDeleteMinutes() == null ? -1 : request.autoDeleteMinutes();
        if (autoDelete < -1) {
            throw new BadRequestException("auto_delete_minutes must be -1 (never), 0 (as soon as it stops) or more, was " + autoDelete);
        }
        long now = clock.millis();
        SandboxRecord sandbox;
        synchronized (ownerLocks.computeIfAbsent(owner.id(), key -> new Object())) {
            if (store.findByName(owner, name).isPresent()) {
                throw new ConflictException("a sandbox named " + name + " exists already");
            }
            int total = store.countOf(owner);
            if (limits.total() >= 0 && total >= limits.total()) {
                throw limit("sandboxes_total", limits.total(), tier, "the " + tier.name() + " tier keeps at most " + limits.total()
                        + " sandboxes: delete one first");
            }
            requireStartRoom(owner, tier);
            synchronized (HOST_UIDS) {
                sandbox = new SandboxRecord(id, owner, nextHostUid(), name, language, SandboxState.CREATING, snapshot, env, labels, cpu, memoryMb, diskMb,
                        network, autoStop, autoArchive, autoDelete, attached, null, now, now, now, now);
                store.insert(sandbox);
            }
        }
        published(sandbox, null);
        try {
            host.create(id, sandbox.hostUid(), diskMb, snapshot);
        } catch (RuntimeException e) {
            log.error("Cannot make the files of sandbox {}", id, e);
            move(sandbox, SandboxState.ERROR, "its files could not be made");
            throw new IllegalStateException("the sandbox's files could not be made", e);
        }
        return SandboxView.of(startNow(move(sandbox, SandboxState.STARTING, null)));
    }

    public SandboxView get(Caller caller, String idOrName) {
        return SandboxView.of(owned(caller, idOrName));
    }

    /** The caller's sandboxes, newest first, with all the given labels and in one of the states (none: any). */
    public List<SandboxView> list(Caller caller, Map<String, String> labels, Set<SandboxState> states) {
        return store.ofOwner(SandboxOwner.of(caller)).stream()
                .filter(s -> states == null || states.isEmpty() || states.contains(s.state()))
                .filter(s -> labels == null || s.labels().entrySet().containsAll(labels.entrySet()))
                .map(SandboxView::of).toList();
    }

    public List<SandboxStore.Transition> transitions(Caller caller, String idOrName) {
        return store.transitions(owned(caller, idOrName).id());
    }

    public SandboxView start(Caller caller, String idOrName) {
        SandboxRecord sandbox = owned(caller, idOrName);
        synchronized (lock(sandbox.id())) {
            sandbox = current(sandbox.id());
            requireState(sandbox, "start", SandboxState.STOPPED, SandboxState.ARCHIVED, SandboxState.ERROR);
            boolean archived = host.isArchived(sandbox.id());
            synchronized (ownerLocks.computeIfAbsent(sandbox.owner().id(), key -> new Object())) {
                requireStartRoom(sandbox.owner(), accounts.tierOf(caller));
                sandbox = move(sandbox, SandboxState.STARTING, null);
            }
            if (archived) {
                try {
                    host.restore(sandbox.id(), sandbox.hostUid(), sandbox.diskMb());
                } catch (RuntimeException e) {
                    log.error("Cannot unpack sandbox {}", sandbox.id(), e);
                    move(sandbox, SandboxState.ERROR, "its archive could not be unpacked");
                    throw new IllegalStateException("the sandbox's archive could not be unpacked", e);
                }
            }
            return SandboxView.of(startNow(sandbox));
        }
    }

    public SandboxView stop(Caller caller, String idOrName) {
        SandboxRecord sandbox = owned(caller, idOrName);
        return SandboxView.of(stop(sandbox.id(), null, true));
    }

    public SandboxView archive(Caller caller, String idOrName) {
        SandboxRecord sandbox = owned(caller, idOrName);
        return SandboxView.of(archive(sandbox.id(), null, true));
    }

    public void delete(Caller caller, String idOrName) {
        SandboxRecord sandbox = owned(caller, idOrName);
        delete(sandbox.id(), true);
    }

    public SandboxView setLabels(Caller caller, String idOrName, Map<String, String> labels) {
        SandboxRecord sandbox = owned(caller, idOrName);
        store.updateLabels(sandbox.id(), labels(labels), clock.millis());
        return SandboxView.of(current(sandbox.id()));
    }

    /** Changes when the sandbox stops, archives and deletes itself; a null leaves that one as it is. */
    public SandboxView setLifecycle(Caller caller, String idOrName, Integer autoStop, Integer autoArchive, Integer autoDelete) {
        SandboxRecord sandbox = owned(caller, idOrName);
        int stop = minutes("auto_stop_minutes", autoStop, sandbox.autoStopMinutes());
        int archive = minutes("auto_archive_minutes", autoArchive, sandbox.autoArchiveMinutes());
        int delete = autoDelete == null ? sandbox.autoDeleteMinutes() : autoDelete;
        if (delete < -1) {
            throw new BadRequestException("auto_delete_minutes must be -1 (never), 0 (as soon as it stops) or more, was " + delete);
        }
        store.updateLifecycle(sandbox.id(), stop, archive, delete, clock.millis());
        return SandboxView.of(current(sandbox.id()));
    }

    /**
     * The caller's started sandbox, to reach its processes or files; 409 naming the state when it
     * is not started. Counts as activity.
     */
    public LiveSandbox live(Caller caller, String idOrName) {
        SandboxRecord sandbox = owned(caller, idOrName);
        LiveSandbox live = sandbox.state() == SandboxState.STARTED ? host.live(sandbox.id()).orElse(null) : null;
        if (live == null) {
            throw notIn(sandbox.state() == SandboxState.STARTED ? SandboxState.STOPPED : sandbox.state(), "reach its processes or files");
        }
        touch(sandbox.id());
        return live;
    }

    /**
     * A started sandbox by its id alone, for a request whose right to it was checked otherwise (a
     * preview token); 404 or 409 naming the state like {@link #live}. Counts as activity.
     */
    LiveSandbox liveById(String id) {
        SandboxRecord sandbox = store.find(id).orElseThrow(() -> new NotFoundException("sandbox " + id + " not found"));
        LiveSandbox live = sandbox.state() == SandboxState.STARTED ? host.live(sandbox.id()).orElse(null) : null;
        if (live == null) {
            throw notIn(sandbox.state() == SandboxState.STARTED ? SandboxState.STOPPED : sandbox.state(), "reach its ports");
        }
        touch(sandbox.id());
        return live;
    }

    public ExecResult execute(Caller caller, String idOrName, String command, String cwd, Map<String, String> env, Integer timeout) {
        if (command == null || command.isBlank()) {
            throw new BadRequestException("command is required");
        }
        LiveSandbox sandbox = live(caller, idOrName);
        try {
            return ProcessRunner.run(sandbox, ProcessSpec.shell(command, cwd, variables(env)), ProcessRunner.timeout(timeout));
        } finally {
            touch(sandbox.id());
        }
    }

    public ExecResult codeRun(Caller caller, String idOrName, String code, String language, List<String> argv,
                              Map<String, String> env, Integer timeout) {
        if (code == null) {
            throw new BadRequestException("code is required");
        }
        SandboxRecord record = owned(caller, idOrName);
        LiveSandbox sandbox = live(caller, record.id());
        CodeRunCommands.Prepared prepared = CodeRunCommands.prepare(CodeRunCommands.language(language, record.language()), code,
                argv, variables(env), null);
        try {
            return ProcessRunner.run(sandbox, prepared.spec(), prepared.stdin(), ProcessRunner.timeout(timeout));
        } finally {
            touch(sandbox.id());
        }
    }

    /**
     * A connection into the sandbox (a terminal, a followed log, a proxied socket) opened: while one
     * is open the sandbox is not idle. Close the returned handle when it ends.
     */
    public AutoCloseable connectionOpened(String id) {
        connections.merge(id, 1, Integer::sum);
        touch(id);
        return () -> {
            connections.computeIfPresent(id, (key, count) -> count <= 1 ? null : count - 1);
            touch(id);
        };
    }

    /** Records activity now (at most once a second is written down). */
    public void touch(String id) {
        long now = clock.millis();
        Long last = touched.get(id);
        if (last == null || now - last >= TOUCH_EVERY_MS) {
            touched.put(id, now);
            store.touch(id, now);
        }
    }

    /** The sandbox if it is the caller's; 404 otherwise, as if it did not exist. The one access check. */
    SandboxRecord owned(Caller caller, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new NotFoundException("sandbox not found");
        }
        SandboxOwner owner = SandboxOwner.of(caller);
        return store.find(idOrName).filter(s -> s.owner().equals(owner))
                .or(() -> store.findByName(owner, idOrName))
                .orElseThrow(() -> new NotFoundException("sandbox " + idOrName + " not found"));
    }

    // --- lifecycle, also used by the reaper ------------------------------------------------------

    SandboxRecord stop(String id, String reason, boolean asked) {
        synchronized (lock(id)) {
            SandboxRecord sandbox = current(id);
            if (asked) {
                requireState(sandbox, "stop", SandboxState.STARTED);
            } else if (sandbox.state() != SandboxState.STARTED) {
                return sandbox;
            }
            sandbox = move(sandbox, SandboxState.STOPPING, reason);
            stoppedOnRequest.add(id);
            host.stop(id);
            return move(sandbox, SandboxState.STOPPED, reason);
        }
    }

    SandboxRecord archive(String id, String reason, boolean asked) {
        synchronized (lock(id)) {
            SandboxRecord sandbox = current(id);
            if (asked) {
                requireState(sandbox, "archive", SandboxState.STOPPED);
            } else if (sandbox.state() != SandboxState.STOPPED) {
                return sandbox;
            }
            sandbox = move(sandbox, SandboxState.ARCHIVING, reason);
            try {
                host.archive(id);
            } catch (RuntimeException e) {
                log.error("Cannot archive sandbox {}", id, e);
                move(sandbox, SandboxState.STOPPED, "it could not be archived");
                throw new IllegalStateException("the sandbox could not be archived", e);
            }
            return move(sandbox, SandboxState.ARCHIVED, reason);
        }
    }

    void delete(String id, boolean asked) {
        synchronized (lock(id)) {
            SandboxRecord sandbox = store.find(id).orElse(null);
            if (sandbox == null) {
                return;
            }
            if (asked) {
                requireState(sandbox, "delete", SandboxState.STARTED, SandboxState.STOPPED, SandboxState.ARCHIVED, SandboxState.ERROR);
            }
            stoppedOnRequest.add(id);
            host.destroy(id);
            store.delete(id, sandbox.state(), clock.millis());
            touched.remove(id);
            connections.remove(id);
            events.publishEvent(new SandboxStateChanged(SandboxView.of(sandbox.in(SandboxState.DESTROYED, null, clock.millis())),
                    sandbox.state(), SandboxState.DESTROYED));
        }
        locks.remove(id);
    }

    boolean idleConnections(String id) {
        return !connections.containsKey(id);
    }

    SandboxStore store() {
        return store;
    }

    /** After a restart no sandbox's processes are left: what was started is stopped, what was half done is settled. */
    void settleAfterRestart() {
        for (SandboxRecord sandbox : store.inStates(List.of(SandboxState.STARTING, SandboxState.STARTED, SandboxState.STOPPING))) {
            stoppedOnRequest.add(sandbox.id());
            host.stop(sandbox.id());
            store.changeState(sandbox.in(SandboxState.STOPPED, "the server restarted", clock.millis()), sandbox.state());
        }
        for (SandboxRecord sandbox : store.inStates(List.of(SandboxState.ARCHIVING))) {
            SandboxState settled = host.isArchived(sandbox.id()) ? SandboxState.ARCHIVED : SandboxState.STOPPED;
            store.changeState(sandbox.in(settled, "the server restarted while it was archived", clock.millis()), sandbox.state());
        }
        for (SandboxRecord sandbox : store.inStates(List.of(SandboxState.CREATING))) {
            store.changeState(sandbox.in(SandboxState.ERROR, "the server restarted while it was made", clock.millis()), sandbox.state());
        }
    }

    /** The server stops: no sandbox's processes outlive it. */
    @PreDestroy
    void stopAll() {
        for (SandboxRecord sandbox : store.inStates(List.of(SandboxState.STARTED))) {
            try {
                stop(sandbox.id(), "the server stopped", false);
            } catch (RuntimeException e) {
                log.warn("Cannot stop sandbox {} at shutdown: {}", sandbox.id(), e.getMessage());
            }
        }
    }

    /** A disabled or deleted account's sandboxes stop now; a deleted one's are removed by {@link SandboxCleanup}. */
    @EventListener
    void on(AccountClosed event) {
        for (SandboxRecord sandbox : store.ofOwner(SandboxOwner.user(event.userId()))) {
            stop(sandbox.id(), event.reason(), false);
        }
    }

    private SandboxRecord startNow(SandboxRecord starting) {
        List<SandboxHost.MountedVolume> mounted = new java.util.ArrayList<>();
        for (VolumeAttachment attachment : starting.volumes()) {
            if (volumes.find(attachment.volume()).isEmpty()) {
                SandboxRecord failed = move(starting, SandboxState.ERROR, "its volume " + attachment.volume() + " was deleted");
                throw new ConflictException(ProblemCodes.SANDBOX_STATE, "the sandbox's volume mounted at " + attachment.mountPath()
                        + " was deleted", Map.of("state", failed.state().id()));
            }
            volumes.used(attachment.volume(), clock.millis());
            mounted.add(new SandboxHost.MountedVolume(attachment.volume(), attachment.mountPath(), attachment.readOnly()));
        }
        SandboxHost.StartPlan plan = new SandboxHost.StartPlan(starting.id(), starting.hostUid(), starting.language(), starting.env(),
                starting.cpu(), starting.memoryMb(), starting.diskMb(), starting.network(), mounted);
        LiveSandbox live;
        stoppedOnRequest.remove(starting.id());
        try {
            live = host.start(plan);
        } catch (SandboxException | IllegalStateException | java.io.UncheckedIOException e) {
            log.error("Cannot start sandbox {}", starting.id(), e);
            SandboxRecord failed = move(starting, SandboxState.ERROR, "it could not be started: " + e.getMessage());
            throw new ConflictException(ProblemCodes.SANDBOX_STATE, "the sandbox could not be started: " + e.getMessage(),
                    Map.of("state", failed.state().id()));
        }
        touched.remove(starting.id());
        touch(starting.id());
        SandboxRecord started = move(starting, SandboxState.STARTED, null);
        live.ended().whenComplete((done, failure) -> onEnded(started.id()));
        return started;
    }

    /** The sandbox's processes ended by themselves (its agent was killed, say): it is stopped. */
    private void onEnded(String id) {
        if (stoppedOnRequest.remove(id)) {
            return;
        }
        EngineEnd.run(() -> {
            synchronized (lock(id)) {
                store.find(id).filter(s -> s.state() == SandboxState.STARTED && host.live(id).isEmpty()).ifPresent(s -> {
                    host.stop(id);
                    move(s, SandboxState.STOPPED, "its processes ended");
                });
            }
        });
    }

    private SandboxRecord move(SandboxRecord from, SandboxState to, String reason) {
        SandboxRecord next = from.in(to, reason, clock.millis());
        if (!store.changeState(next, from.state())) {
            SandboxRecord now = current(from.id());
            throw notIn(now.state(), "change to " + to.id());
        }
        published(next, from.state());
        return next;
    }

    private void published(SandboxRecord sandbox, SandboxState from) {
        events.publishEvent(new SandboxStateChanged(SandboxView.of(sandbox), from, sandbox.state()));
    }

    private SandboxRecord current(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("sandbox " + id + " not found"));
    }

    /** Places of the sandbox's own that a volume cannot cover. */
    private static final List<String> RESERVED_PATHS = java.util.stream.Stream.concat(
            io.coderunner.engine.ResidentSpec.SANDBOX_PLACES.stream(), java.util.stream.Stream.of("/var", "/opt", "/work")).toList();
    private static final int MAX_VOLUMES = 8;

    /** The volumes a new sandbox mounts, by id, each the owner's, at a path of its own. */
    private List<VolumeAttachment> attachments(SandboxOwner owner, List<VolumeAttachment> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (requested.size() > MAX_VOLUMES) {
            throw new BadRequestException("a sandbox mounts at most " + MAX_VOLUMES + " volumes");
        }
        List<VolumeAttachment> attached = new java.util.ArrayList<>();
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (VolumeAttachment attachment : requested) {
            if (attachment == null || attachment.volume() == null || attachment.mountPath() == null) {
                throw new BadRequestException("volumes: each needs volume (an id or name) and mount_path");
            }
            String path = attachment.mountPath().strip();
            String normal = java.nio.file.Path.of(path).normalize().toString();
            boolean reserved = RESERVED_PATHS.stream().anyMatch(r -> io.coderunner.engine.ResidentSpec.VolumeMount.overlaps(normal, r));
            if (!path.startsWith("/") || !normal.equals(path) || path.equals("/") || reserved || path.indexOf('\0') >= 0
                    || path.length() > 255) {
                throw new BadRequestException("volumes: mount_path must be an absolute path of its own, not /, nor one of or under "
                        + String.join(", ", RESERVED_PATHS) + " (the sandbox's own places, its home among them); was " + path);
            }
            if (!paths.add(path)) {
                throw new BadRequestException("volumes: two volumes cannot be mounted at " + path);
            }
            VolumeStore.Volume volume = volumes.find(attachment.volume()).filter(v -> v.owner().equals(owner))
                    .or(() -> volumes.findByName(owner, attachment.volume()))
                    .orElseThrow(() -> new NotFoundException("volume " + attachment.volume() + " not found"));
            attached.add(new VolumeAttachment(volume.id(), path, attachment.readOnly()));
        }
        return attached;
    }

    /** The owner's active snapshot of that id or name, which a new sandbox lies over; 404 or 409 otherwise. */
    private String usableSnapshot(SandboxOwner owner, String idOrName) {
        SnapshotStore.Snapshot found = snapshots.find(idOrName).filter(s -> s.owner().equals(owner))
                .or(() -> snapshots.findByName(owner, idOrName))
                .orElseThrow(() -> new NotFoundException("snapshot " + idOrName + " not found"));
        if (!found.state().equals(SnapshotService.ACTIVE)) {
            throw new ConflictException("the snapshot " + found.name() + " is " + found.state() + ": a sandbox starts only from an active one");
        }
        snapshots.used(found.id(), clock.millis());
        return found.id();
    }

    /**
     * A uid no other sandbox has: the sandbox's for its whole life, far above the run slots' and
     * terminals' uids. A deleted sandbox's uid may come back, once nothing of it is left.
     */
    private int nextHostUid() {
        // Called holding HOST_UIDS until the new row is in, so that two sandboxes never get the same.
        return Math.max(store.highestHostUid(), FIRST_HOST_UID - 1) + 1;
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, key -> new Object());
    }

    private void requireStartRoom(SandboxOwner owner, Tier tier) {
        int limit = tier.sandboxes().started();
        if (limit >= 0 && store.countOf(owner, RUNNING) >= limit) {
            throw limit("sandboxes_started", limit, tier, "the " + tier.name() + " tier runs at most " + limit
                    + " started sandboxes at once: stop one first");
        }
    }

    private static ForbiddenException limit(String limit, Object allowed, Tier tier, String message) {
        return new ForbiddenException(ProblemCodes.SANDBOX_LIMIT, message, Map.of("limit", limit, "allowed", allowed, "tier", tier.name()));
    }

    private static void within(String field, double value, double most, double least, Tier tier) {
        if (value < least) {
            throw new BadRequestException(field + " must be at least " + trim(least) + ", was " + trim(value));
        }
        if (value > most) {
            throw limit(field, most, tier, field + " may be at most " + trim(most) + " on the " + tier.name() + " tier, was " + trim(value));
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void requireState(SandboxRecord sandbox, String action, SandboxState... allowed) {
        if (!EnumSet.of(allowed[0], allowed).contains(sandbox.state())) {
            throw notIn(sandbox.state(), action + " it");
        }
    }

    private static ConflictException notIn(SandboxState state, String action) {
        return new ConflictException(ProblemCodes.SANDBOX_STATE, "the sandbox is " + state.id() + ": cannot " + action,
                Map.of("state", state.id()));
    }

    private static int minutes(String field, Integer value, int fallback) {
        int minutes = value == null ? fallback : value;
        if (minutes < 0) {
            throw new BadRequestException(field + " must not be negative (0: never), was " + minutes);
        }
        return minutes;
    }

    static Map<String, String> variables(Map<String, String> env) {
        if (env == null) {
            return Map.of();
        }
        Map<String, String> checked = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name == null || !ENV_NAME.matcher(name).matches()) {
                throw new BadRequestException("env: '" + name + "' is not a variable name");
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw new BadRequestException("env: the value of " + name + " must be text without NUL characters");
            }
            checked.put(name, value);
        });
        if (checked.size() > 256) {
            throw new BadRequestException("env may hold at most 256 variables");
        }
        return checked;
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        if (labels == null) {
            return Map.of();
        }
        if (labels.size() > 64) {
            throw new BadRequestException("labels may hold at most 64 entries");
        }
        labels.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > 128 || value == null || value.length() > 512) {
                throw new BadRequestException("labels: keys must be 1 to 128 characters and values at most 512");
            }
        });
        return Map.copyOf(labels);
    }

    /** Runs what follows a sandbox's end on a thread of its own: the engine's thread must not wait for the database. */
    private static final class EngineEnd {
        static void run(Runnable work) {
            Thread.ofVirtual().name("sandbox-ended").start(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("Cannot settle an ended sandbox: {}", e.getMessage());
                }
            });
        }
    }
}
