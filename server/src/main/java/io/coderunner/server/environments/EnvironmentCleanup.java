package io.coderunner.server.environments;

import io.coderunner.server.audit.AuditEvent;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Deleting a user deletes their environments' rows (the database cascades); this removes their
 * directories once that deletion is committed. An environment a run still uses is left for the
 * next clean-up.
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

    @TransactionalEventListener(fallbackExecution = true)
    void on(AuditEvent event) {
        if (AuditEvent.SUCCESS.equals(event.status()) && "user".equals(event.resourceType()) && event.action() != null
                && event.action().endsWith("delete_user")) {
            removeOrphans();
        }
    }

    void removeOrphans() {
        Set<Long> orphans = new HashSet<>(directories.ids());
        orphans.removeAll(store.ids());
        for (long id : orphans) {
            if (use.removeIfUnused(id, () -> directories.deleteAll(id))) {
                log.info("Directory of environment {} removed: its owner was deleted", id);
            }
        }
    }
}
