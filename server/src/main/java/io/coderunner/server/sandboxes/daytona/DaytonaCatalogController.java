package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The deployment's configuration, and snapshots and volumes as Daytona's API lists them. This
 * server has no snapshots or volumes for the Daytona API yet: the lists are honestly empty, a
 * name is not found, and making one is refused naming what is missing.
 */
@RestController
@RequestMapping(DaytonaUrls.API)
@Tag(name = "Daytona")
class DaytonaCatalogController {

    /** What the toolbox's and the configuration's {@code version} say: this server, not a Daytona release. */
    static final String VERSION = "coderunner";

    private final DaytonaUrls urls;

    DaytonaCatalogController(DaytonaUrls urls) {
        this.urls = urls;
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SnapshotPage(List<Object> items, int total, int page, int totalPages) {
    }

    /**
     * What the SDK reads of it is {@code analyticsApiUrl} (for {@code getMetrics()}), which is
     * left out: there is no analytics service. The rest is what Daytona's model requires.
     */
    @PermitAll
    @GetMapping("/config")
    Map<String, Object> config(HttpServletRequest request) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("version", VERSION);
        config.put("linkedAccountsEnabled", false);
        config.put("announcements", Map.of());
        config.put("proxyTemplateUrl", "");
        config.put("proxyToolboxUrl", urls.toolbox(request));
        config.put("defaultSnapshot", "");
        config.put("dashboardUrl", urls.base(request));
        config.put("maxAutoArchiveInterval", DaytonaIntervals.LONGEST_ARCHIVE_MINUTES);
        config.put("maintananceMode", false);
        config.put("environment", "coderunner");
        return config;
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/snapshots")
    SnapshotPage snapshots(@AuthenticationPrincipal Caller caller) {
        return new SnapshotPage(List.of(), 0, 1, 0);
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/snapshots/{idOrName}")
    Object snapshot(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName) {
        throw new NotFoundException("snapshot " + idOrName + " not found");
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/snapshots/{id}")
    Object deleteSnapshot(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        throw new NotFoundException("snapshot " + id + " not found");
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @PostMapping({"/snapshots/{id}/activate", "/snapshots/{id}/deactivate"})
    Object activateSnapshot(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        throw new NotFoundException("snapshot " + id + " not found");
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/snapshots")
    Object createSnapshot(@AuthenticationPrincipal Caller caller) {
        throw new BadRequestException("snapshots: making snapshots through the Daytona API is not available on this server yet");
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/volumes")
    List<Object> volumes(@AuthenticationPrincipal Caller caller) {
        return List.of();
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @GetMapping({"/volumes/by-name/{name}", "/volumes/{id}"})
    Object volume(@AuthenticationPrincipal Caller caller, @PathVariable(required = false) String name,
                  @PathVariable(required = false) String id) {
        throw new NotFoundException("volume " + (name != null ? name : id) + " not found");
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/volumes/{id}")
    Object deleteVolume(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        throw new NotFoundException("volume " + id + " not found");
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/volumes")
    Object createVolume(@AuthenticationPrincipal Caller caller) {
        throw new BadRequestException("volumes: making volumes through the Daytona API is not available on this server yet");
    }
}
