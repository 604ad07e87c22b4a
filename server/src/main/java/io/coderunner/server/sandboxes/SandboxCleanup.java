package io.coderunner.server.sandboxes;

import io.coderunner.server.accounts.UserDeleted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A deleted user's sandboxes go with them: their processes (stopped on AccountClosed already), files and rows. */
@Component
class SandboxCleanup {

    private final SandboxService sandboxes;

    SandboxCleanup(SandboxService sandboxes) {
        this.sandboxes = sandboxes;
    }

    @ApplicationModuleListener
    void on(UserDeleted event) {
        for (SandboxRecord sandbox : sandboxes.store().ofOwner(SandboxOwner.user(event.userId()))) {
            sandboxes.delete(sandbox.id(), false);
        }
    }
}
