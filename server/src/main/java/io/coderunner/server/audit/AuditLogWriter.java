package io.coderunner.server.audit;

import io.coderunner.server.accounts.UserDeleted;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes each {@link AuditEvent} as it is published, in the publisher's thread: when the action's
 * answer reaches the client, its log row is already stored.
 */
@Component
class AuditLogWriter {

    private final AuditLogRepository logs;
    private final Clock clock;

    AuditLogWriter(AuditLogRepository logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @EventListener
    void on(AuditEvent event) {
        logs.insert(event, clock.millis());
    }

    /**
     * An account event other modules react to as well: logged the same way, in the deleting
     * transaction and the request's thread, so the row is stored with the change and carries the
     * address of the request that made it.
     */
    @EventListener
    void on(UserDeleted event) {
        on(AuditEvent.success(event.adminId(), event.adminUsername(), "admin_delete_user", "user", event.userId(),
                "username=" + event.username()));
    }
}
