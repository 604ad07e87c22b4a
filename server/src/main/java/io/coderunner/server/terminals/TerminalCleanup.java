package io.coderunner.server.terminals;

import io.coderunner.server.accounts.UserDeleted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A deleted user's terminal sessions: their rows went with the user (ON DELETE CASCADE), and their
 * terminals were ended on {@code AccountClosed}; once the deletion is committed, their directories
 * (terminal logs, and the files of sessions without a project) are deleted here. What is known by
 * then is which directories no session row names any more, so those are swept. A directory that
 * cannot be deleted yet fails the listener, and the registry hands the event back later.
 */
@Component
class TerminalCleanup {

    private final TerminalSessions sessions;

    TerminalCleanup(TerminalSessions sessions) {
        this.sessions = sessions;
    }

    @ApplicationModuleListener(id = "terminals.user-deleted")
    void on(UserDeleted event) {
        sessions.removeOrphanDirectories();
    }
}
