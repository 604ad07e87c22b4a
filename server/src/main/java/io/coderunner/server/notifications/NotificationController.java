package io.coderunner.server.notifications;

import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notifications, newest first, and marking them read. */
@RestController
@Tag(name = "Notifications")
class NotificationController {

    /** Which to mark read; none (or no body) marks all. */
    record MarkRead(List<Long> ids) {
    }

    private final NotificationRepository notifications;
    private final Clock clock;

    NotificationController(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @GetMapping("/notifications")
    @SignedInUser
    @Operation(summary = "The caller's notifications, newest first (unread_only to leave out those read), and how many are unread")
    Map<String, Object> list(@AuthenticationPrincipal Caller caller, @RequestParam(name = "unread_only", defaultValue = "false") boolean unreadOnly,
                             @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        return Map.of("notifications", notifications.list(caller.userId(), unreadOnly, Page.of(skip, limit, 20)),
                "unread", notifications.unread(caller.userId()));
    }

    @GetMapping("/notifications/unread-count")
    @SignedInUser
    @Operation(summary = "How many of the caller's notifications are unread")
    Map<String, Integer> unread(@AuthenticationPrincipal Caller caller) {
        return Map.of("unread", notifications.unread(caller.userId()));
    }

    @PostMapping("/notifications/read")
    @SignedInUser
    @Operation(summary = "Mark the caller's notifications read: those whose ids are given, or all")
    Map<String, Integer> markRead(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) MarkRead request) {
        int marked = notifications.markRead(caller.userId(), request == null ? null : request.ids(), clock.millis());
        return Map.of("marked", marked, "unread", notifications.unread(caller.userId()));
    }
}
