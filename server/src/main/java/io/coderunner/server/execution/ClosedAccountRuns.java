package io.coderunner.server.execution;

import io.coderunner.server.accounts.AccountClosed;
import io.coderunner.server.security.SocketSignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends the runs and closes the sockets of an account that was disabled or deleted, at once, in the
 * thread that committed the change ({@link AccountClosed} is published after the commit).
 */
@Component
class ClosedAccountRuns {

    private static final Logger log = LoggerFactory.getLogger(ClosedAccountRuns.class);

    private final RunRegistry runs;
    private final SocketSignIn sockets;

    ClosedAccountRuns(RunRegistry runs, SocketSignIn sockets) {
        this.runs = runs;
        this.sockets = sockets;
    }

    @EventListener
    void on(AccountClosed event) {
        int stopped = runs.stopAllOf(event.userId());
        int closed = sockets.closeAllOf(event.userId(), event.reason());
        if (stopped + closed > 0) {
            log.info("User {}: {} runs stopped and {} sockets closed ({})", event.userId(), stopped, closed, event.reason());
        }
    }
}
