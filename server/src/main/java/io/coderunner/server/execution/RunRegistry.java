package io.coderunner.server.execution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coderunner.engine.RunHandle;
import io.coderunner.engine.RunResult;
import io.coderunner.server.security.Caller;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The runs going on now, by id, so that any client may stop one (seed 002's stop button), and the
 * results of recently ended ones for clients that did not wait.
 */
@Component
public class RunRegistry {

    private final Map<String, LiveRun> runs = new ConcurrentHashMap<>();
    /** Runs a request waits on, by user: they have no id to stop them by, but a closed account's must end too. */
    private final Map<Long, Set<RunHandle>> waited = new ConcurrentHashMap<>();

    void add(LiveRun run) {
        runs.put(run.id(), run);
    }

    /** A run's state as GET /api/executions/{id} shows it: still running, or its result. */
    public record State(String id, boolean running, ExecuteResponse result) {
    }

    private record Finished(Long ownerId, ExecuteResponse result) {
    }

    /** Results of ended runs, kept a while for asynchronous clients. */
    private final Cache<String, Finished> finished = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(30)).maximumSize(10_000).build();

    void finish(LiveRun run, RunResult result) {
        if (result != null) {
            finished.put(run.id(), new Finished(run.ownerId(),
                    ExecuteResponse.of(run.id(), run.language().id(), run.language().version(), result)));
        }
        runs.remove(run.id());
    }

    Optional<State> state(String id, Caller caller) {
        Optional<LiveRun> live = find(id, caller);
        if (live.isPresent()) {
            return Optional.of(new State(id, true, null));
        }
        Finished done = finished.getIfPresent(id);
        if (done == null || !(done.ownerId() == null || allowed(done.ownerId(), caller))) {
            return Optional.empty();
        }
        return Optional.of(new State(id, false, done.result()));
    }

    /**
     * The run if this caller may stop it: an anonymous run by whoever knows its (unguessable) id,
     * a user's run by that user or an administrator.
     */
    Optional<LiveRun> find(String id, Caller caller) {
        LiveRun run = runs.get(id);
        if (run == null || run.ownerId() == null) {
            return Optional.ofNullable(run);
        }
        return allowed(run.ownerId(), caller) ? Optional.of(run) : Optional.empty();
    }

    private static boolean allowed(long ownerId, Caller caller) {
        return caller != null && (caller.userId() == ownerId || (caller.admin() && !caller.viaApiKey()));
    }

    /** Holds a run a request waits on under its user until the returned tracking is closed. */
    Waiting waitingFor(long userId, RunHandle handle) {
        waited.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(handle);
        return () -> waited.computeIfPresent(userId, (id, handles) -> {
            handles.remove(handle);
            return handles.isEmpty() ? null : handles;
        });
    }

    interface Waiting extends AutoCloseable {
        @Override
        void close();
    }

    /** Stops every run of this user, live or waited on; the number stopped. */
    int stopAllOf(long userId) {
        Set<RunHandle> waitedOn = Set.copyOf(waited.getOrDefault(userId, Set.of()));
        waitedOn.forEach(RunHandle::stop);
        int stopped = waitedOn.size();
        for (LiveRun run : runs.values()) {
            if (run.ownerId() != null && run.ownerId() == userId) {
                run.handle().stop();
                stopped++;
            }
        }
        return stopped;
    }

    int size() {
        return runs.size();
    }
}
