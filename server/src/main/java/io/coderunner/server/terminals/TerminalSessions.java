package io.coderunner.server.terminals;

import io.coderunner.engine.DirectoryInUseException;
import io.coderunner.engine.InvalidRunException;
import io.coderunner.engine.Limits;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.Terminal;
import io.coderunner.engine.TerminalSpec;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import io.coderunner.server.accounts.AccountClosed;
import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.execution.RunEnvironments;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.http.TooManyRequestsException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import io.coderunner.server.workspaces.Workspaces;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Terminal sessions: made within the caller's tier (how many at once, memory, CPU share, network),
 * kept while used, ended by their owner, their idle timeout or their lifetime, and on shutdown.
 * Ending a session kills every process of its terminal. A session that a previous server process
 * left open is marked terminated at start, since its terminal died with that process.
 */
@Service
class TerminalSessions {

    private static final Logger log = LoggerFactory.getLogger(TerminalSessions.class);
    static final int DEFAULT_COLS = 80;
    static final int DEFAULT_ROWS = 24;
    static final int MAX_TITLE = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStore store;
    private final SessionDirectories directories;
    private final Sandbox sandbox;
    private final LanguageRegistry languages;
    private final Accounts accounts;
    private final Workspaces workspaces;
    private final TerminalSettings settings;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RunEnvironments> environments;
    private final Clock clock;
    private final Map<String, LiveSession> live = new ConcurrentHashMap<>();
    private final Map<Long, Object> userLocks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final TerminalStorage storage;

    TerminalSessions(SessionStore store, SessionDirectories directories, Sandbox sandbox, LanguageRegistry languages,
                     Accounts accounts, Workspaces workspaces, TerminalSettings settings, ApplicationEventPublisher events,
                     ObjectProvider<RunEnvironments> environments, Clock clock, TerminalStorage storage,
                     MeterRegistry meters) {
        this.storage = storage;
        Gauge.builder("coderunner.terminals.live", live, sessions -> sessions.values().stream()
                        .filter(session -> !session.hasEnded()).count())
                .description("Terminal sessions with a running terminal").register(meters);
        this.store = store;
        this.directories = directories;
        this.sandbox = sandbox;
        this.languages = languages;
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.settings = settings;
        this.events = events;
        this.environments = environments;
        this.clock = clock;
        int left = store.endAllOpen(clock.millis());
        if (left > 0) {
            log.info("{} terminal sessions of a previous run of the server were marked terminated", left);
        }
        this.reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("terminal-reaper").factory());
        reaper.scheduleWithFixedDelay(this::reap, settings.reaperIntervalMs(), settings.reaperIntervalMs(), TimeUnit.MILLISECONDS);
        reaper.scheduleWithFixedDelay(this::enforceStorage, TerminalStorage.CHECK_MILLIS, TerminalStorage.CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * A new session with a running terminal, in the caller's project or a directory of its own, and
     * with the caller's (or a public) environment when {@code environment} names one.
     */
    SessionStore.Session create(Caller caller, String title, String project, String environment, Integer cols, Integer rows,
                                SessionUploads uploads) {
        int width = cols == null ? DEFAULT_COLS : cols;
        int height = rows == null ? DEFAULT_ROWS : rows;
        try {
            TerminalSpec.requireSize(width, height);
        } catch (InvalidRunException e) {
            throw new BadRequestException(e.getMessage());
        }
        String name = title == null || title.isBlank() ? "Terminal" : title.strip();
        if (name.length() > MAX_TITLE) {
            throw new BadRequestException("title must be at most " + MAX_TITLE + " characters");
        }
        Tier tier = accounts.tierOf(caller);
        Path projectDir = null;
        String projectName = null;
        if (project != null && !project.isBlank()) {
            projectDir = workspaces.projectDirectory(caller, project);
            projectName = projectDir.getFileName().toString();
        }
        uploads.requireWithin(settings.uploadBytes(tier.level()));

        RunEnvironments.Lease lease = openEnvironment(caller, environment);
        boolean started = false;
        try {
            SessionStore.Session created = start(caller, name, projectDir, projectName, lease, width, height, tier, uploads);
            started = true;
            return created;
        } finally {
            if (!started && lease != null) {
                lease.close();
            }
        }
    }

    /** The environment the request names, held by the session from now on; null when it names none. */
    private RunEnvironments.Lease openEnvironment(Caller caller, String environment) {
        if (environment == null || environment.isBlank()) {
            return null;
        }
        RunEnvironments provider = environments.getIfAvailable();
        if (provider == null) {
            throw new BadRequestException("this server offers no environments");
        }
        return provider.open(caller, environment.strip());
    }

    private SessionStore.Session start(Caller caller, String name, Path projectDir, String projectName,
                                       RunEnvironments.Lease lease, int width, int height, Tier tier, SessionUploads uploads) {
        Tier.TerminalLimits limits = tier.terminals();
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        LiveSession session;
        Path workDir;
        synchronized (userLocks.computeIfAbsent(caller.userId(), k -> new Object())) {
            // Server-wide, as well as per user: the count and the new session's entry are taken together.
            synchronized (live) {
                long going = live.values().stream().filter(running -> !running.hasEnded()).count();
                if (going >= settings.maxLiveSessions()) {
                    throw new TooManyRequestsException(ProblemCodes.SERVER_BUSY, "the server has its most terminal sessions going ("
                            + settings.maxLiveSessions() + "); try again when one has ended", Duration.ofMinutes(1), Map.of());
                }
                if (!Tier.within((int) store.countOpen(caller.userId()), limits.sessions())) {
                    throw new TooManyRequestsException(ProblemCodes.QUOTA_EXHAUSTED, "your tier allows " + limits.sessions()
                            + " terminal session" + (limits.sessions() == 1 ? "" : "s")
                            + " at once: end one first (DELETE /ccresearch/sessions/{id})",
                            Duration.ofMinutes(1), Map.of("quota", "terminal_sessions", "limit", limits.sessions()));
                }
                if (projectName != null && usedProject(caller.userId(), projectName)) {
                    throw new ConflictException("a terminal session already works in project '" + projectName
                            + "': use it, or end it first");
                }
                workDir = directories.create(id, projectDir);
                List<String> saved;
                try {
                    saved = uploads.saveInto(workDir);
                } catch (RuntimeException e) {
                    directories.delete(id);
                    throw e;
                }
                session = new LiveSession(id, caller.userId(), now, limits.idleSeconds() * 1000, limits.lifetimeSeconds() * 1000,
                        new TerminalLog(directories.logFile(id), settings.logBytes()), lease);
                store.insert(new SessionStore.Session(id, caller.userId(), name, projectName, SessionStatus.CREATED, height, width,
                        0, SessionUploads.json(saved), null, null, now, now, session.expiresAt(), null));
                live.put(id, session);
                storage.watch(new TerminalStorage.Watched(id, caller.userId(), workDir, projectDir != null,
                        workspaces.storageLimit(caller)));
            }
        }
        try {
            TerminalSpec spec = TerminalSpec.shell(workDir, toolchains(), sessionLimits(tier), limits.cpuCores(), width, height)
                    .withEnvironment(lease == null ? null : lease.directory());
            Terminal terminal = sandbox.openTerminal(spec, session::output);
            session.started(terminal);
            terminal.exited().whenComplete((status, failure) -> end(session, SessionStatus.TERMINATED, "exited"));
        } catch (DirectoryInUseException e) {
            live.remove(id);
            store.end(id, SessionStatus.ERROR, clock.millis());
            throw new ConflictException("the project's files are in use by a run or another terminal session: " + e.getMessage());
        } catch (SandboxException e) {
            live.remove(id);
            store.end(id, SessionStatus.ERROR, clock.millis());
            log.warn("A terminal could not be opened: {}", e.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "the terminal could not be started: " + e.getMessage());
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "create_terminal_session", "terminal_session",
                id, projectName == null ? "own directory" : "project " + projectName));
        return store.find(id).orElseThrow();
    }

    private boolean usedProject(long userId, String project) {
        return store.ofUser(userId).stream().anyMatch(s -> s.open() && project.equals(s.project()));
    }

    /** The limits of one session's processes together: the tier's memory, and room enough for a shell's work. */
    private static Limits sessionLimits(Tier tier) {
        return new Limits(Long.MAX_VALUE, Long.MAX_VALUE, tier.terminals().memoryMb() * Limits.MIB, 256, Limits.MIB,
                256 * Limits.MIB, 256 * Limits.MIB, 1024, tier.network());
    }

    private List<Language> toolchains() {
        return languages.all().stream().filter(language -> !language.preview()).toList();
    }

    /** The caller's session, or 404: another user's session is not theirs to know of. */
    SessionStore.Session owned(Caller caller, String id) {
        return store.find(id).filter(s -> s.userId() == caller.userId())
                .orElseThrow(() -> new NotFoundException("terminal session " + id + " not found"));
    }

    Optional<SessionStore.Session> find(String id) {
        return store.find(id);
    }

    /** The stored session of a live one (for its connection, whose owner was checked when it attached). */
    SessionStore.Session ownedBy(LiveSession session) {
        return store.find(session.id).orElseThrow(() -> new NotFoundException("terminal session " + session.id + " not found"));
    }

    List<SessionStore.Session> list(Caller caller) {
        return store.ofUser(caller.userId());
    }

    /** A session's current state, with what only its live terminal knows (activity, commands). */
    SessionStore.Session current(SessionStore.Session session) {
        LiveSession running = live.get(session.id());
        if (running == null) {
            return session;
        }
        return new SessionStore.Session(session.id(), session.userId(), session.title(), session.project(), session.status(),
                session.rows(), session.cols(), running.commands(), session.uploadedFiles(), session.shareToken(),
                session.sharedAt(), session.createdAt(), running.lastActivity(), running.expiresAt(), session.endedAt());
    }

    Optional<LiveSession> live(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /**
     * Ends the session, kills its processes, and removes it with its own files and log. Files
     * first, held out of use meanwhile: a terminal still ending (or a run in them) makes this a
     * 409, and so does a deletion that fails; either way the session stays listed to retry.
     */
    void delete(Caller caller, String id) {
        SessionStore.Session session = owned(caller, id);
        LiveSession running = live.get(id);
        if (running != null) {
            end(running, SessionStatus.TERMINATED, "deleted");
        }
        Path ownFiles = session.project() == null ? directories.sessionDir(id).resolve("work") : null;
        try (Sandbox.DirectoryHold held = ownFiles == null ? () -> { } : sandbox.holdDirectory(ownFiles)) {
            directories.delete(id);
        } catch (DirectoryInUseException e) {
            throw new ConflictException("the session's files are still in use (its terminal is ending): try again in a moment");
        } catch (java.io.UncheckedIOException | io.coderunner.engine.files.HostileTree.TreeTooLargeException e) {
            throw new ConflictException("the session's files could not all be deleted (" + e.getMessage() + "); try again");
        }
        store.delete(id);
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "delete_terminal_session", "terminal_session",
                id, session.title()));
    }

    SessionStore.Session rename(Caller caller, String id, String title) {
        owned(caller, id);
        if (title == null || title.isBlank()) {
            throw new BadRequestException("title is required");
        }
        if (title.strip().length() > MAX_TITLE) {
            throw new BadRequestException("title must be at most " + MAX_TITLE + " characters");
        }
        store.rename(id, title.strip());
        return store.find(id).orElseThrow();
    }

    SessionStore.Session resize(Caller caller, String id, Integer cols, Integer rows) {
        SessionStore.Session session = owned(caller, id);
        resize(session, cols, rows);
        return store.find(id).orElseThrow();
    }

    void resize(SessionStore.Session session, Integer cols, Integer rows) {
        if (cols == null || rows == null) {
            throw new BadRequestException("cols and rows are required");
        }
        try {
            TerminalSpec.requireSize(cols, rows);
        } catch (InvalidRunException e) {
            throw new BadRequestException(e.getMessage());
        }
        LiveSession running = requireLive(session);
        running.terminal().resize(cols, rows);
        running.touch(clock.millis());
        store.size(session.id(), cols, rows);
    }

    LiveSession requireLive(SessionStore.Session session) {
        LiveSession running = live.get(session.id());
        if (running == null || running.hasEnded() || running.terminal() == null) {
            throw new ConflictException("terminal session " + session.id() + " has ended (" + session.status() + ")");
        }
        return running;
    }

    SessionStore.Session share(Caller caller, String id) {
        SessionStore.Session session = owned(caller, id);
        if (session.shareToken() == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            store.share(id, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), clock.millis());
            events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "share_terminal_session",
                    "terminal_session", id, null));
        }
        return store.find(id).orElseThrow();
    }

    void unshare(Caller caller, String id) {
        owned(caller, id);
        store.unshare(id);
    }

    /** A shared session by its token; a revoked token finds nothing. */
    SessionStore.Session shared(String token) {
        if (token == null || token.length() < 16) {
            throw new NotFoundException("shared session not found");
        }
        return store.findShared(token).orElseThrow(() -> new NotFoundException("shared session not found"));
    }

    byte[] logTail(SessionStore.Session session) {
        return TerminalLog.readTail(directories.logFile(session.id()), settings.logBytes());
    }

    /** A client connected to the terminal. */
    byte[] attach(LiveSession session, LiveSession.Viewer viewer) {
        byte[] replay = session.attach(viewer, clock.millis());
        store.status(session.id, SessionStatus.ACTIVE);
        return replay;
    }

    /** A client left; with none left the session is disconnected, and lives on until its idle timeout. */
    void detach(LiveSession session, LiveSession.Viewer viewer) {
        if (session.detach(viewer) == 0 && !session.hasEnded()) {
            store.status(session.id, SessionStatus.DISCONNECTED);
        }
    }

    void input(LiveSession session, byte[] data) {
        session.input(data, clock.millis());
    }

    private void end(LiveSession session, String status, String why) {
        session.end(why, () -> {
            live.remove(session.id);
            storage.forget(session.id);
            store.activity(session.id, session.commands(), session.lastActivity(), session.expiresAt());
            store.end(session.id, status, clock.millis());
        });
    }

    /** Ends the sessions of users whose workspaces and terminals hold more than their tier allows. */
    void enforceStorage() {
        try {
            for (TerminalStorage.Over over : storage.overLimit()) {
                for (String id : over.sessionIds()) {
                    LiveSession session = live.get(id);
                    if (session == null) {
                        storage.forget(id);
                        continue;
                    }
                    log.info("Terminal session {} ended: {}", id, over.why());
                    session.output(("\r\n[session ended: " + over.why() + "]\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    end(session, SessionStatus.TERMINATED, "storage limit exceeded");
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not measure terminal sessions' storage: {}", e.getMessage());
        }
    }

    /** A disabled or deleted account's terminals end now: their processes are killed, their viewers closed. */
    @org.springframework.context.event.EventListener
    void on(AccountClosed event) {
        for (LiveSession session : List.copyOf(live.values())) {
            if (session.userId == event.userId()) {
                log.info("Terminal session {} ended: {}", session.id, event.reason());
                try {
                    end(session, SessionStatus.TERMINATED, event.reason());
                } catch (RuntimeException e) {
                    // A deleted account's rows may be gone already; the terminal itself was killed by end().
                    log.debug("Ending session {}: {}", session.id, e.getMessage());
                }
            }
        }
    }

    /**
     * Deletes the directories (log, and own files) of sessions whose rows are gone: a deleted
     * user's, removed with the user by the database. They are told apart under the lock a session's
     * directory and row are made under, so one being started is never taken for one that is gone.
     * Each is held while it is deleted, as when its owner deletes it; any that cannot be deleted yet
     * (a terminal still ending, a file that will not go) fails this, to be tried again.
     */
    void removeOrphanDirectories() {
        Set<String> orphans;
        synchronized (live) {
            orphans = new HashSet<>(directories.ids());
            orphans.removeAll(store.ids());
            orphans.removeAll(live.keySet());
        }
        List<String> left = new ArrayList<>();
        for (String id : orphans) {
            try (Sandbox.DirectoryHold held = sandbox.holdDirectory(directories.sessionDir(id).resolve("work"))) {
                directories.delete(id);
                log.info("Directory of terminal session {} removed: its owner was deleted", id);
            } catch (DirectoryInUseException | java.io.UncheckedIOException
                     | io.coderunner.engine.files.HostileTree.TreeTooLargeException e) {
                left.add(id + " (" + e.getMessage() + ")");
            }
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("terminal session directories not deleted yet: " + left);
        }
    }

    /** Ends sessions past their idle timeout or lifetime, and saves the others' activity. */
    void reap() {
        long now = clock.millis();
        for (LiveSession session : List.copyOf(live.values())) {
            try {
                if (now >= session.expiresAt()) {
                    log.info("Terminal session {} ended: {}", session.id,
                            now >= session.createdAt + session.lifetimeMillis ? "lifetime reached" : "idle timeout");
                    end(session, SessionStatus.TERMINATED, "expired");
                } else if (session.takeUnsavedActivity()) {
                    store.activity(session.id, session.commands(), session.lastActivity(), session.expiresAt());
                }
            } catch (RuntimeException e) {
                log.warn("Could not check terminal session {}: {}", session.id, e.getMessage());
            }
        }
    }

    int openCount() {
        return live.size();
    }

    /** No terminal outlives the server. */
    @PreDestroy
    void shutdown() {
        reaper.shutdownNow();
        for (LiveSession session : List.copyOf(live.values())) {
            try {
                end(session, SessionStatus.TERMINATED, "server stopping");
            } catch (RuntimeException e) {
                // The database may already be closing; the terminal itself was killed by end().
                log.debug("Ending session {} on shutdown: {}", session.id, e.getMessage());
            }
        }
    }
}
