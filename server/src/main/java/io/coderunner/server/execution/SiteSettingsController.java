package io.coderunner.server.execution;

import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET/PUT /admin/settings: what an administrator changes while the server runs. Today these are the
 * anonymous tier's rules; a field left out of a PUT keeps its value.
 */
@RestController
@Tag(name = "Administration")
class SiteSettingsController {

    record Change(Boolean anonymousRunsAllowed, Integer anonymousRunsPerMinutePerIp) {
    }

    private final AnonymousRuns anonymous;
    private final ApplicationEventPublisher events;

    SiteSettingsController(AnonymousRuns anonymous, ApplicationEventPublisher events) {
        this.anonymous = anonymous;
        this.events = events;
    }

    @GetMapping("/admin/settings")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The settings an administrator may change while the server runs (admin)")
    Map<String, Object> settings() {
        AnonymousRunRules rules = anonymous.rules();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("anonymous_runs_allowed", rules.allowed());
        answer.put("anonymous_runs_per_minute_per_ip", rules.runsPerMinutePerIp());
        return answer;
    }

    @PutMapping("/admin/settings")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Change settings; fields left out keep their values (admin)")
    Map<String, Object> change(@AuthenticationPrincipal Caller admin, @RequestBody Change change) {
        AnonymousRunRules current = anonymous.rules();
        AnonymousRunRules next = new AnonymousRunRules(
                change.anonymousRunsAllowed() == null ? current.allowed() : change.anonymousRunsAllowed(),
                change.anonymousRunsPerMinutePerIp() == null ? current.runsPerMinutePerIp() : change.anonymousRunsPerMinutePerIp());
        anonymous.change(next, admin.userId());
        events.publishEvent(AuditEvent.success(admin.userId(), admin.username(), "change_settings", "settings", null,
                "anonymous runs " + (next.allowed() ? "allowed" : "not allowed") + ", " + next.runsPerMinutePerIp()
                        + " a minute per address"));
        return settings();
    }
}
