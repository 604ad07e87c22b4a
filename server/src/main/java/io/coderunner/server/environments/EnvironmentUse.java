package io.coderunner.server.environments;

import io.coderunner.server.http.ConflictException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Component;

/**
 * Who is using each environment now: runs (counted from before they start until they end) and
 * package changes (one at a time per environment). Directories an install replaced are deleted
 * only when no run uses the environment any more, since a running program still sees the one it
 * started with; an environment is deleted only when nothing uses it.
 */
@Component
class EnvironmentUse {

    private final Map<Long, State> states = new ConcurrentHashMap<>();
    private final EnvironmentDirectories directories;

    EnvironmentUse(EnvironmentDirectories directories) {
        this.directories = directories;
    }

    private static final class State {
        final ReentrantLock changes = new ReentrantLock();
        int runs;
        boolean deleted;
        /** The generation to keep when the last run ends, after an install replaced the one runs used. */
        Integer keepWhenIdle;
    }

    private State state(long id) {
        return states.computeIfAbsent(id, key -> new State());
    }

    /**
     * Counts a run in and reads, while no install can move the environment on, the generation it
     * will use; {@code generation} returns -1 when the environment is gone (then nothing is counted).
     */
    int enterRun(long id, IntSupplier generation) {
        State state = state(id);
        synchronized (state) {
            int current = state.deleted ? -1 : generation.getAsInt();
            if (current >= 0) {
                state.runs++;
            }
            return current;
        }
    }

    void leaveRun(long id) {
        State state = state(id);
        synchronized (state) {
            state.runs--;
            if (state.runs == 0 && state.keepWhenIdle != null && !state.deleted) {
                directories.deleteGenerationsBut(id, state.keepWhenIdle);
                state.keepWhenIdle = null;
            }
        }
    }

    /** Runs {@code change} as the only package change of this environment; others wait their turn. */
    <T> T change(long id, java.util.function.Supplier<T> change) {
        ReentrantLock lock = state(id).changes;
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes {@code next} the environment's generation ({@code advance} stores it) and deletes the
     * older ones now, or when the last run that may use them ends.
     */
    void advance(long id, int next, Runnable advance) {
        State state = state(id);
        synchronized (state) {
            advance.run();
            if (state.runs == 0) {
                directories.deleteGenerationsBut(id, next);
            } else {
                state.keepWhenIdle = next;
            }
        }
    }

    /** Runs {@code remove} unless a run or a package change uses the environment; whether it ran. */
    boolean removeIfUnused(long id, Runnable remove) {
        State state = state(id);
        if (!state.changes.tryLock()) {
            return false;
        }
        try {
            synchronized (state) {
                if (state.runs > 0) {
                    return false;
                }
                state.deleted = true;
            }
            remove.run();
            states.remove(id, state);
            return true;
        } finally {
            state.changes.unlock();
        }
    }

    /** Deletes the environment ({@code delete} removes its row) unless a run or a package change uses it. */
    void delete(long id, String name, Runnable delete) {
        State state = state(id);
        if (!state.changes.tryLock()) {
            throw new ConflictException("environment " + name + " is busy: packages are being installed or removed; "
                    + "try again when that has finished");
        }
        try {
            synchronized (state) {
                if (state.runs > 0) {
                    throw new ConflictException("environment " + name + " is in use by " + state.runs + " running program"
                            + (state.runs == 1 ? "" : "s") + "; delete it when they have ended");
                }
                state.deleted = true;
            }
            // Files first, while no run can enter (deleted is set): a deletion that fails keeps the
            // row, so the environment is still listed, says why, and can be deleted again.
            try {
                directories.deleteAll(id);
            } catch (java.io.UncheckedIOException | io.coderunner.engine.files.HostileTree.TreeTooLargeException e) {
                synchronized (state) {
                    state.deleted = false;
                }
                throw new ConflictException("environment " + name + "'s files could not all be deleted (" + e.getMessage()
                        + "); try again");
            }
            delete.run();
            // Ids may come back (SQLite reuses the highest one): a new environment starts afresh.
            states.remove(id, state);
        } finally {
            state.changes.unlock();
        }
    }
}
