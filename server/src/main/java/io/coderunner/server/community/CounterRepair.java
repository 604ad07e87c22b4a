package io.coderunner.server.community;

import io.coderunner.server.accounts.UserDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Deleting a user deletes their likes, favourites and comments with them (ON DELETE CASCADE),
 * behind the counters on others' posts: once the deletion is committed, the counters are counted
 * again. A failure leaves the event's publication incomplete, to be tried again.
 */
@Component
class CounterRepair {

    private static final Logger log = LoggerFactory.getLogger(CounterRepair.class);

    private final Reactions reactions;

    CounterRepair(Reactions reactions) {
        this.reactions = reactions;
    }

    @ApplicationModuleListener(id = "community.user-deleted")
    void on(UserDeleted event) {
        int changed = reactions.recountAll();
        if (changed > 0) {
            log.info("User {} deleted: {} community counters counted again", event.userId(), changed);
        }
    }
}
