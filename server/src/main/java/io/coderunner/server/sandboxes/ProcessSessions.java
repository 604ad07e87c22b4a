package io.coderunner.server.sandboxes;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The sessions of started sandboxes: named long-lived shells ({@link ShellSession}), bounded per
 * sandbox. They belong to one start of a sandbox: when it stops (or its processes die) its
 * sessions end with it and are forgotten, and a sandbox started again has none.
 */
@Component
public class ProcessSessions {

    /** Sessions one sandbox keeps at once (ended ones count until deleted). */
    static final int MAX_SESSIONS = 32;
    /** The longest command text accepted. */
    static final int MAX_COMMAND_CHARS = 256 * 1024;
    /** How long a synchronous exec waits. */
    static final java.time.Duration SYNC_WAIT = ProcessRunner.MAX_TIMEOUT;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Clock clock;
    private final Map<String, Started> sandboxes = new ConcurrentHashMap<>();

    ProcessSessions(Clock clock) {
        this.clock = clock;
    }

    /** Starts a session's shell in the sandbox. */
    public ShellSession create(LiveSandbox sandbox, String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new BadRequestException("session_id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    + (sessionId == null ? "" : "; was " + sessionId));
        }
        Started started = of(sandbox);
        synchronized (started) {
            if (started.sessions.containsKey(sessionId)) {
                throw new ConflictException("session " + sessionId + " exists already");
            }
            if (started.sessions.size() >= MAX_SESSIONS) {
                throw new ConflictException("a sandbox keeps at most " + MAX_SESSIONS + " sessions: delete one first");
            }
            ShellSession session = ShellSession.start(sessionId, clock.millis(), sandbox);
            started.sessions.put(sessionId, session);
            return session;
        }
    }

    /** The sandbox's sessions, oldest first. */
    public List<ShellSession> list(LiveSandbox sandbox) {
        Started started = of(sandbox);
        synchronized (started) {
            return new ArrayList<>(started.sessions.values());
        }
    }

    public ShellSession get(LiveSandbox sandbox, String sessionId) {
        Started started = of(sandbox);
        synchronized (started) {
            ShellSession session = started.sessions.get(sessionId);
            if (session == null) {
                throw new NotFoundException("session " + sessionId + " not found");
            }
            return session;
        }
    }

    /** Kills the session's shell and forgets it. */
    public void delete(LiveSandbox sandbox, String sessionId) {
        Started started = of(sandbox);
        ShellSession session;
        synchronized (started) {
            session = started.sessions.remove(sessionId);
        }
        if (session == null) {
            throw new NotFoundException("session " + sessionId + " not found");
        }
        session.kill();
    }

    /** Runs a command in the session: queued behind the ones before it. */
    public SessionCommand execute(LiveSandbox sandbox, String sessionId, String command) {
        if (command == null || command.isBlank()) {
            throw new BadRequestException("command is required");
        }
        if (command.length() > MAX_COMMAND_CHARS) {
            throw new BadRequestException("command may be at most " + MAX_COMMAND_CHARS + " characters, was " + command.length());
        }
        if (command.indexOf('\0') >= 0) {
            throw new BadRequestException("command must not contain NUL characters");
        }
        return get(sandbox, sessionId).submit(command);
    }

    /**
     * Waits for a command run synchronously, at most {@link #SYNC_WAIT} (one still running then is
     * answered without an exit code); 409 {@code SESSION_ENDED} when its session ended before it finished.
     */
    public void awaitRun(SessionCommand command, String sessionId) {
        if (command.awaitEnd(SYNC_WAIT) && command.exitCode() == null) {
            throw new ConflictException(SessionProblems.SESSION_ENDED, "session " + sessionId + " ended before "
                    + command.id() + " could finish", Map.of("session_id", sessionId));
        }
    }

    /** The sessions of this start of the sandbox; made on first use, forgotten when the sandbox ends. */
    private Started of(LiveSandbox sandbox) {
        Started started = sandboxes.compute(sandbox.id(), (id, known) ->
                known != null && known.sandbox == sandbox ? known : new Started(sandbox));
        if (started.watching.compareAndSet(false, true)) {
            sandbox.ended().whenComplete((done, failure) -> ended(started));
        }
        return started;
    }

    private void ended(Started started) {
        sandboxes.remove(started.sandbox.id(), started);
        List<ShellSession> sessions;
        synchronized (started) {
            sessions = new ArrayList<>(started.sessions.values());
        }
        sessions.forEach(ShellSession::kill);
    }

    /** One start of a sandbox and its sessions. */
    private static final class Started {
        final LiveSandbox sandbox;
        final Map<String, ShellSession> sessions = new LinkedHashMap<>();
        final java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean();

        Started(LiveSandbox sandbox) {
            this.sandbox = sandbox;
        }
    }
}
