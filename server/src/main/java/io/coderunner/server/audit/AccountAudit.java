package io.coderunner.server.audit;

import io.coderunner.server.system.AuditEvent;
import io.coderunner.server.accounts.UserDeleted;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The system log's rows for the account events that other modules react to as well. Written as the
 * event is published, in the deleting transaction and the request's thread: the row is stored with
 * the change or not at all, and carries the address of the request that made it.
 */
@Component
class AccountAudit {

    private final AuditLogRepository logs;
    private final Clock clock;

    AccountAudit(AuditLogRepository logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @EventListener
    void on(UserDeleted event) {
        logs.insert(AuditEvent.success(event.adminId(), event.adminUsername(), "admin_delete_user", "user", event.userId(),
                "username=" + event.username()), clock.millis());
    }
}
