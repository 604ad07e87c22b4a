package io.coderunner.server.profiles;

import io.coderunner.server.accounts.UserDeleted;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A deleted user's avatar: their profile row went with them (ON DELETE CASCADE), and with it the
 * only record of their avatar's random file name; once the deletion is committed, the avatar files
 * no profile names any more are deleted here. One that cannot be deleted fails the listener, and the
 * registry hands the event back later.
 */
@Component
class AvatarCleanup {

    private static final Logger log = LoggerFactory.getLogger(AvatarCleanup.class);

    private final AvatarService avatars;

    AvatarCleanup(AvatarService avatars) {
        this.avatars = avatars;
    }

    @ApplicationModuleListener(id = "profiles.user-deleted")
    void on(UserDeleted event) throws IOException {
        int removed = avatars.removeUnnamed();
        if (removed > 0) {
            log.info("User {} deleted: {} avatar file(s) no profile names removed", event.userId(), removed);
        }
    }
}
