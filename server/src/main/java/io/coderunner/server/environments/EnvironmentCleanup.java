package io.coderunner.server.environments;

import io.coderunner.server.accounts.UserDeleted;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Deleting a user deletes their environments' rows (the database cascades); once that deletion is
 * committed, this removes the directories no environment row names any more. An environment a run
 * still uses, or one whose files cannot all be deleted yet, fails the clean-up: the event's
 * publication stays incomplete and the registry hands it back later, until every one is gone.
 */
@Component
class EnvironmentCleanup {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentCleanup.class);

    private final EnvironmentStore store;
    private final EnvironmentDirectories directories;
    private final EnvironmentUse use;

    EnvironmentCleanup(EnvironmentStore store, EnvironmentDirectories directories, EnvironmentUse use) {
        this.store = store;
        this.directories = directories;
        this.use = use;
    }

    @ApplicationModuleListener(id = "environments.user-deleted")
    void on(UserDeleted event) {
        List<Long> left = removeOrphans();
        if (!left.isEmpty()) {
            throw new IllegalStateException("environments " + left + " of deleted users are still in use: retried later");
        }
    }

    /** Removes the directories of environments that are gone; returns those still in use. */
    List<Long> removeOrphans() {
        Set<Long> orphans = new HashSet<>(directories.ids());
        orphans.removeAll(store.ids());
        List<Long> inUse = new ArrayList<>();
        for (long id : orphans) {
            if (use.removeIfUnused(id, () -> directories.deleteAll(id))) {
                log.info("Directory of environment {} removed: its owner was deleted", id);
            } else {
                inUse.add(id);
            }
        }
        return inUse;
    }
}
