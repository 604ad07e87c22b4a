package io.coderunner.server.execution;

import io.coderunner.server.system.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The runs going on now, by id, so that any client may stop one (seed 002's stop button). */
@Component
class RunRegistry {

    private final Map<String, LiveRun> runs = new ConcurrentHashMap<>();

    void add(LiveRun run) {
        runs.put(run.id(), run);
    }

    void remove(String id) {
        runs.remove(id);
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
        boolean allowed = caller != null && (caller.userId() == run.ownerId() || (caller.admin() && !caller.viaApiKey()));
        return allowed ? Optional.of(run) : Optional.empty();
    }

    int size() {
        return runs.size();
    }
}
