package io.coderunner.server.audit;

import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The system log: all of it for administrators (seed 004, 系统管理), their own for users. */
@RestController
@Tag(name = "Audit log")
class AuditLogController {

    private final AuditLogRepository logs;
    private final Clock clock;

    AuditLogController(AuditLogRepository logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @GetMapping("/admin/logs")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "System log, newest first, with filters (admin)")
    List<LogEntry> all(@RequestParam(name = "user_id", required = false) Long userId,
                       @RequestParam(required = false) String action,
                       @RequestParam(name = "resource_type", required = false) String resourceType,
                       @RequestParam(required = false) String status,
                       @RequestParam(name = "start_date", required = false) String startDate,
                       @RequestParam(name = "end_date", required = false) String endDate,
                       @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        LogFilter filter = new LogFilter(userId, action, resourceType, status, Timestamps.parse("start_date", startDate),
                Timestamps.parse("end_date", endDate));
        return logs.find(filter, Page.of(skip, limit, 100));
    }

    @GetMapping("/admin/logs/stats")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Counts of the system log by action, status and resource type (admin)")
    Map<String, Object> stats() {
        LogFilter all = new LogFilter(null, null, null, null, null, null);
        long now = clock.millis();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_logs", logs.count(all));
        stats.put("success_count", logs.count(all.withStatus(AuditEvent.SUCCESS)));
        stats.put("failure_count", logs.count(all.withStatus(AuditEvent.FAILURE)));
        stats.put("last_24h", logs.count(all.since(now - 86_400_000L)));
        stats.put("by_action", logs.countBy("action", all));
        stats.put("by_resource_type", logs.countBy("resource_type", all));
        stats.put("by_status", logs.countBy("status", all));
        return stats;
    }

    @GetMapping("/admin/logs/actions")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Actions that appear in the system log (admin)")
    List<String> actions() {
        return logs.distinct("action", null);
    }

    @GetMapping("/admin/logs/resource-types")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Resource types that appear in the system log (admin)")
    List<String> resourceTypes() {
        return logs.distinct("resource_type", null);
    }

    @GetMapping("/profile/logs")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's own activity log, newest first")
    Map<String, Object> mine(@AuthenticationPrincipal Caller caller,
                             @RequestParam(required = false) String action,
                             @RequestParam(name = "resource_type", required = false) String resourceType,
                             @RequestParam(required = false) String status,
                             @RequestParam(name = "start_date", required = false) String startDate,
                             @RequestParam(name = "end_date", required = false) String endDate,
                             @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        LogFilter filter = new LogFilter(caller.userId(), action, resourceType, status,
                Timestamps.parse("start_date", startDate), Timestamps.parse("end_date", endDate));
        Page page = Page.of(skip, limit, 50);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("logs", logs.find(filter, page));
        answer.put("total", logs.count(filter));
        answer.put("skip", page.skip());
        answer.put("limit", page.limit());
        return answer;
    }

    @GetMapping("/profile/logs/actions")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Actions that appear in the caller's own log")
    List<String> myActions(@AuthenticationPrincipal Caller caller) {
        return logs.distinct("action", caller.userId());
    }

    @GetMapping("/profile/logs/resource-types")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Resource types that appear in the caller's own log")
    List<String> myResourceTypes(@AuthenticationPrincipal Caller caller) {
        return logs.distinct("resource_type", caller.userId());
    }
}
