package io.coderunner.server.sandboxes;

import io.coderunner.engine.Resident;
import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.security.Caller;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Snapshots: named file systems new sandboxes start from, taken of a sandbox or built once from a
 * language's base and setup commands. A sandbox made from one lies over its files (copy-on-write),
 * so a snapshot is deleted only once no sandbox lies over it.
 */
@Service
public class SnapshotService {

    private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final int MAX_COMMANDS = 50;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(15);
    private static final long MAX_LOG_BYTES = 4L * 1024 * 1024;

    static final String BUILDING = "building";
    static final String ACTIVE = "active";
    static final String INACTIVE = "inactive";
    static final String BUILD_FAILED = "build_failed";
    static final String ERROR = "error";

    private final SnapshotStore store;
    private final SnapshotStorage storage;
    private final SandboxService sandboxes;
    private final SandboxHost host;
    private final Accounts accounts;
    private final Clock clock;
    /** Builds going on now, by snapshot id. */
    private final Map<String, BuildLog> builds = new ConcurrentHashMap<>();

    SnapshotService(SnapshotStore store, SnapshotStorage storage, SandboxService sandboxes, SandboxHost host, Accounts accounts,
                    Clock clock) {
        this.store = store;
        this.storage = storage;
        this.sandboxes = sandboxes;
        this.host = host;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Takes a snapshot of the sandbox's home as it is now (started or stopped). */
    public SnapshotView take(Caller caller, String sandboxId, String name) {
        SandboxRecord sandbox = sandboxes.owned(caller, sandboxId);
        if (sandbox.state() != SandboxState.STARTED && sandbox.state() != SandboxState.STOPPED) {
            throw new ConflictException(ProblemCodes.SANDBOX_STATE, "the sandbox is " + sandbox.state().id()
                    + ": a snapshot is taken of a started or stopped sandbox", Map.of("state", sandbox.state().id()));
        }
        SandboxOwner owner = SandboxOwner.of(caller);
        String checked = name(owner, name == null || name.isBlank() ? sandbox.name() + "-" + Long.toString(clock.millis(), 36) : name);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        storage.create(id);
        try {
            host.copyHome(sandbox.id(), storage.files(id));
            storage.seal(id);
        } catch (RuntimeException e) {
            storage.delete(id);
            throw e;
        }
        SnapshotStore.Snapshot snapshot = new SnapshotStore.Snapshot(id, owner, checked, sandbox.language(), ACTIVE, storage.size(id),
                sandbox.id(), List.of(), null, now, now, null);
        store.insert(snapshot);
        return snapshot.view();
    }

    /** Starts building a snapshot from a base; it is {@code building} until its commands have run. */
    public SnapshotView build(Caller caller, CreateSnapshotRequest request) {
        if (request == null) {
            throw new BadRequestException("name, base and commands are required");
        }
        SandboxOwner owner = SandboxOwner.of(caller);
        String name = name(owner, request.name());
        String base = CodeRunCommands.language(request.base(), "python");
        List<String> commands = request.commands() == null ? List.of() : List.copyOf(request.commands());
        if (commands.size() > MAX_COMMANDS || commands.stream().anyMatch(c -> c == null || c.isBlank() || c.indexOf('\0') >= 0)) {
            throw new BadRequestException("commands must be at most " + MAX_COMMANDS + " non-empty shell commands");
        }
        Tier tier = accounts.tierOf(caller);
        Tier.SandboxLimits limits = tier.sandboxes();
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        SnapshotStore.Snapshot snapshot = new SnapshotStore.Snapshot(id, owner, name, base, BUILDING, 0, null, commands, null, now, now, null);
        storage.create(id);
        store.insert(snapshot);
        SandboxHost.BuildResources resources = new SandboxHost.BuildResources(limits.cpuCores(), limits.memoryMb(),
                limits.diskMb() * 1024L * 1024L, tier.network(), COMMAND_TIMEOUT);
        OutputStream logFile;
        try {
            logFile = Files.newOutputStream(storage.buildLog(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the snapshot's build log: " + e.getMessage(), e);
        }
        BuildLog buildLog = new BuildLog(logFile);
        builds.put(id, buildLog);
        Thread.ofVirtual().name("snapshot-build").start(() -> runBuild(id, commands, resources, buildLog));
        return snapshot.view();
    }

    private void runBuild(String id, List<String> commands, SandboxHost.BuildResources resources, BuildLog buildLog) {
        String failure;
        try (OutputStream logFile = buildLog.file) {
            Files.createDirectory(storage.files(id));
            failure = host.build(storage.files(id), commands, resources, buildLog);
            if (failure == null) {
                storage.seal(id);
            }
            buildLog.line(failure == null ? "built" : "failed: " + failure);
        } catch (IOException | RuntimeException e) {
            log.error("The build of snapshot {} failed", id, e);
            failure = "the build could not run: " + e.getMessage();
        }
        long now = clock.millis();
        if (failure == null) {
            store.finish(id, ACTIVE, storage.size(id), null, now);
        } else {
            store.finish(id, BUILD_FAILED, 0, failure, now);
        }
        BuildLog done = builds.remove(id);
        if (done != null) {
            done.end();
        }
    }

    public List<SnapshotView> list(Caller caller) {
        return store.ofOwner(SandboxOwner.of(caller)).stream().map(SnapshotStore.Snapshot::view).toList();
    }

    public SnapshotView get(Caller caller, String idOrName) {
        return owned(caller, idOrName).view();
    }

    public void delete(Caller caller, String idOrName) {
        SnapshotStore.Snapshot snapshot = owned(caller, idOrName);
        if (snapshot.state().equals(BUILDING)) {
            throw new ConflictException("the snapshot is building: delete it once its build has ended");
        }
        long using = store.sandboxesMadeFrom(snapshot.id()).stream().filter(host::liesOverSnapshot).count();
        if (using > 0) {
            throw new ConflictException(using + " sandbox(es) lie over this snapshot's files: delete or archive them first");
        }
        store.delete(snapshot.id());
        storage.delete(snapshot.id());
    }

    public SnapshotView activate(Caller caller, String idOrName, boolean active) {
        SnapshotStore.Snapshot snapshot = owned(caller, idOrName);
        String from = active ? INACTIVE : ACTIVE;
        String to = active ? ACTIVE : INACTIVE;
        if (!snapshot.state().equals(to) && !store.changeState(snapshot.id(), from, to, clock.millis())) {
            throw new ConflictException("the snapshot is " + snapshot.state() + ": only an " + from + " snapshot can be made " + to);
        }
        return owned(caller, snapshot.id()).view();
    }

    /**
     * The build's log: what is written so far to {@code out}, then, if it is still building and
     * {@code follow}, what is written until it ends.
     */
    public void buildLog(Caller caller, String idOrName, boolean follow, OutputStream out) throws IOException {
        SnapshotStore.Snapshot snapshot = owned(caller, idOrName);
        java.util.concurrent.LinkedBlockingQueue<byte[]> live = new java.util.concurrent.LinkedBlockingQueue<>();
        BuildLog build = follow ? builds.get(snapshot.id()) : null;
        Consumer<byte[]> follower = live::add;
        long sofar = build == null ? Long.MAX_VALUE : build.follow(follower);
        try {
            if (Files.exists(storage.buildLog(snapshot.id()))) {
                try (var in = Files.newInputStream(storage.buildLog(snapshot.id()))) {
                    in.transferTo(new BoundedOutput(out, sofar));
                }
            }
            out.flush();
            if (build == null) {
                return;
            }
            while (true) {
                byte[] chunk = live.take();
                if (chunk == BuildLog.END) {
                    return;
                }
                out.write(chunk);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (build != null) {
                build.unfollow(follower);
            }
        }
    }

    /** Passes on at most so many bytes: the part of the log file written before following began. */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        BoundedOutput(OutputStream out, long left) {
            this.out = out;
            this.left = left;
        }

        @Override
        public void write(int b) throws IOException {
            if (left > 0) {
                out.write(b);
                left--;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            if (n > 0) {
                out.write(b, off, n);
                left -= n;
            }
        }
    }

    /** After a restart no build is going on: one that was is failed. */
    @EventListener(ApplicationReadyEvent.class)
    void settleAfterRestart() {
        for (SnapshotStore.Snapshot snapshot : store.inState(BUILDING)) {
            if (!builds.containsKey(snapshot.id())) {
                store.finish(snapshot.id(), BUILD_FAILED, 0, "the server restarted during the build", clock.millis());
            }
        }
    }

    SnapshotStore.Snapshot owned(Caller caller, String idOrName) {
        SandboxOwner owner = SandboxOwner.of(caller);
        if (idOrName == null || idOrName.isBlank()) {
            throw new NotFoundException("snapshot not found");
        }
        return store.find(idOrName).filter(s -> s.owner().equals(owner)).or(() -> store.findByName(owner, idOrName))
                .orElseThrow(() -> new NotFoundException("snapshot " + idOrName + " not found"));
    }

    private String name(SandboxOwner owner, String name) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new BadRequestException("name must be 1 to 128 letters, digits, '.', '_', ':', '/' or '-', starting with a letter or digit");
        }
        if (store.findByName(owner, name.strip()).isPresent()) {
            throw new ConflictException("a snapshot named " + name.strip() + " exists already");
        }
        return name.strip();
    }

    /** A build's output, kept in its log file (bounded) and passed on to whoever follows it. */
    private static final class BuildLog implements Resident.ProcessListener {
        static final byte[] END = new byte[0];
        private final OutputStream file;
        private final List<Consumer<byte[]>> followers = new java.util.ArrayList<>();
        private long written;
        private boolean ended;

        BuildLog(OutputStream file) {
            this.file = file;
        }

        /** Follows from now on; returns how much the file holds by now, which the follower reads from it. */
        synchronized long follow(Consumer<byte[]> follower) {
            if (ended) {
                follower.accept(END);
            } else {
                followers.add(follower);
            }
            return written;
        }

        synchronized void unfollow(Consumer<byte[]> follower) {
            followers.remove(follower);
        }

        @Override
        public synchronized void stdout(byte[] data) {
            if (written >= MAX_LOG_BYTES) {
                return;
            }
            byte[] kept = written + data.length > MAX_LOG_BYTES ? java.util.Arrays.copyOf(data, (int) (MAX_LOG_BYTES - written)) : data;
            try {
                file.write(kept);
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written += kept.length;
            followers.forEach(follower -> follower.accept(kept));
        }

        @Override
        public void stderr(byte[] data) {
            stdout(data);
        }

        void line(String text) {
            stdout((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        synchronized void end() {
            ended = true;
            followers.forEach(follower -> follower.accept(END));
            followers.clear();
        }
    }
}
