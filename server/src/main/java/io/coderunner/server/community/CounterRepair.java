package io.coderunner.server.community;

import io.coderunner.server.audit.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deleting a user deletes their likes, favourites and comments with them (ON DELETE CASCADE),
 * behind the counters on others' posts. The accounts module announces a deletion only in the
 * system log, so this listens there and counts the counters again.
 */
@Component
class CounterRepair {

    private static final Logger log = LoggerFactory.getLogger(CounterRepair.class);

    private final Reactions reactions;

    CounterRepair(Reactions reactions) {
        this.reactions = reactions;
    }

    @EventListener
    void on(AuditEvent event) {
        if (AuditEvent.SUCCESS.equals(event.status()) && "user".equals(event.resourceType()) && event.action() != null
                && event.action().endsWith("delete_user")) {
            int changed = reactions.recountAll();
            if (changed > 0) {
                log.info("User {} deleted: {} community counters counted again", event.resourceId(), changed);
            }
        }
    }
}
