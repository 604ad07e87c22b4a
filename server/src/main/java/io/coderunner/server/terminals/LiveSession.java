package io.coderunner.server.terminals;

import io.coderunner.engine.Terminal;
import io.coderunner.server.execution.RunEnvironments;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session whose terminal runs: the terminal, its kept log, the clients watching it, and when it
 * was last used. Output goes to the log and to every viewer under one lock, and a viewer joins
 * under the same lock, so a joining client gets the log's tail and then every byte after it,
 * none twice and none missing. The environment it was opened with (if any) is held until it ends,
 * so that the environment is not deleted, nor its directory replaced, under its programs.
 */
final class LiveSession {

    /** A client watching the terminal. */
    interface Viewer {
        void output(byte[] chunk);

        /** The session ended (why: "terminated", "exited", ...); the viewer goes. */
        void ended(String why);
    }

    final String id;
    final long userId;
    final long createdAt;
    final long idleMillis;
    final long lifetimeMillis;
    private final TerminalLog log;
    private final RunEnvironments.Lease environment;
    private final List<Viewer> viewers = new ArrayList<>();
    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicBoolean activityUnsaved = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Terminal terminal;
    private volatile long lastActivity;

    LiveSession(String id, long userId, long createdAt, long idleMillis, long lifetimeMillis, TerminalLog log,
                RunEnvironments.Lease environment) {
        this.id = id;
        this.userId = userId;
        this.createdAt = createdAt;
        this.idleMillis = idleMillis;
        this.lifetimeMillis = lifetimeMillis;
        this.log = log;
        this.environment = environment;
        this.lastActivity = createdAt;
    }

    void started(Terminal opened) {
        this.terminal = opened;
    }

    Terminal terminal() {
        return terminal;
    }

    /** From the terminal's reader thread. */
    synchronized void output(byte[] chunk) {
        log.append(chunk);
        for (Viewer viewer : viewers) {
            viewer.output(chunk);
        }
    }

    /** Adds a viewer and returns what the terminal showed before it (the log's tail), to replay first. */
    synchronized byte[] attach(Viewer viewer, long now) {
        viewers.add(viewer);
        touch(now);
        return log.tail();
    }

    /** Removes a viewer; returns how many are left. */
    synchronized int detach(Viewer viewer) {
        viewers.remove(viewer);
        return viewers.size();
    }

    synchronized int viewers() {
        return viewers.size();
    }

    /** Keys typed: each Enter counts as a command. */
    void input(byte[] data, long now) {
        Terminal open = terminal;
        if (open == null) {
            return;
        }
        open.write(data);
        int enters = 0;
        for (byte b : data) {
            if (b == '\r' || b == '\n') {
                enters++;
            }
        }
        if (enters > 0) {
            commands.addAndGet(enters);
        }
        touch(now);
    }

    void touch(long now) {
        lastActivity = now;
        activityUnsaved.set(true);
    }

    long lastActivity() {
        return lastActivity;
    }

    int commands() {
        return commands.get();
    }

    /** Whether activity happened since the last call (so that it is saved at most once per reaper round). */
    boolean takeUnsavedActivity() {
        return activityUnsaved.getAndSet(false);
    }

    /** When the session ends unless it is used again: its idle timeout or its lifetime, whichever comes first. */
    long expiresAt() {
        return Math.min(lastActivity + idleMillis, createdAt + lifetimeMillis);
    }

    /**
     * Ends it once: kills every process of the terminal, then {@code record}s the end (so that a
     * client told of it finds it recorded), then tells the viewers and closes the log.
     */
    boolean end(String why, Runnable record) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        Terminal open = terminal;
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            // Every process of the terminal is gone: the environment is free to change again.
            releaseEnvironment();
        }
        try {
            record.run();
        } finally {
            notifyEnd(why);
        }
        return true;
    }

    /** Gives the environment back; also when the terminal never started. Only the first call counts. */
    void releaseEnvironment() {
        if (environment != null) {
            environment.close();
        }
    }

    private void notifyEnd(String why) {
        List<Viewer> leaving;
        synchronized (this) {
            leaving = List.copyOf(viewers);
            viewers.clear();
        }
        leaving.forEach(viewer -> viewer.ended(why));
        log.close();
    }

    boolean hasEnded() {
        return ended.get();
    }
}
