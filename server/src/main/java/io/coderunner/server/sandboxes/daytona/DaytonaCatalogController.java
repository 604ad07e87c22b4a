package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.sandboxes.CreateSnapshotRequest;
import io.coderunner.server.sandboxes.SnapshotService;
import io.coderunner.server.sandboxes.SnapshotView;
import io.coderunner.server.sandboxes.VolumeService;
import io.coderunner.server.sandboxes.VolumeView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
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
 * The deployment's configuration, and snapshots and volumes as Daytona's API shows them, mapped
 * onto the native {@link SnapshotService} and {@link VolumeService}. A snapshot Daytona would make
 * from an image is made here from a language's base: an image name that names a language
 * ({@code python:3.12}, {@code node:20}), or a Dockerfile of {@code FROM} and {@code RUN} lines,
 * whose commands are the build's (see {@link DockerfileSteps}).
 */
@RestController
@RequestMapping(DaytonaUrls.API)
@Tag(name = "Daytona")
class DaytonaCatalogController {

    /** What the toolbox's and the configuration's {@code version} say: this server, not a Daytona release. */
    static final String VERSION = "coderunner";
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final DaytonaUrls urls;
    private final SnapshotService snapshots;
    private final VolumeService volumes;

    DaytonaCatalogController(DaytonaUrls urls, SnapshotService snapshots, VolumeService volumes) {
        this.urls = urls;
        this.snapshots = snapshots;
        this.volumes = volumes;
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SnapshotPage(List<DaytonaSnapshot> items, int total, int page, int totalPages) {
    }

    /** Daytona's SnapshotDto; sizes in GiB, as Daytona gives them. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DaytonaSnapshot(String id, boolean general, String name, String imageName, String state, double size,
                           List<String> entrypoint, double cpu, int gpu, double mem, double disk, String errorReason,
                           String createdAt, String updatedAt, String lastUsedAt, String sourceSandboxId) {

        static DaytonaSnapshot of(SnapshotView s) {
            return new DaytonaSnapshot(s.id(), false, s.name(), s.base(), s.state(), s.sizeBytes() / GIB, List.of(), 0, 0, 0, 0,
                    s.errorReason(), Timestamps.iso(s.createdAt()), Timestamps.iso(s.updatedAt()),
                    s.lastUsedAt() == null ? null : Timestamps.iso(s.lastUsedAt()), s.sourceSandboxId());
        }
    }

    /** Daytona's VolumeDto. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DaytonaVolume(String id, String name, String organizationId, String state, String createdAt, String updatedAt,
                         String lastUsedAt, String errorReason) {

        static DaytonaVolume of(VolumeView v, Caller owner) {
            return new DaytonaVolume(v.id(), v.name(), Long.toString(owner.userId()), v.state(), Timestamps.iso(v.createdAt()),
                    Timestamps.iso(v.updatedAt()), v.lastUsedAt() == null ? null : Timestamps.iso(v.lastUsedAt()), null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CreateSnapshot(String name, String imageName, JsonNode buildInfo, List<String> entrypoint, Integer cpu, Integer gpu,
                          Integer memory, Integer disk, String regionId, String sandboxClass) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record CreateVolume(String name) {
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
    SnapshotPage snapshots(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) Integer limit) {
        List<DaytonaSnapshot> all = snapshots.list(caller).stream().map(DaytonaSnapshot::of).toList();
        int size = limit == null || limit < 1 ? 100 : Math.min(limit, 200);
        int number = page == null || page < 1 ? 1 : page;
        List<DaytonaSnapshot> items = all.stream().skip((long) (number - 1) * size).limit(size).toList();
        return new SnapshotPage(items, all.size(), number, (all.size() + size - 1) / size);
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/snapshots/{idOrName}")
    DaytonaSnapshot snapshot(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName) {
        return DaytonaSnapshot.of(snapshots.get(caller, idOrName));
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/snapshots/{id}")
    ResponseEntity<Void> deleteSnapshot(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        snapshots.delete(caller, id);
        return ResponseEntity.ok().build();
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/snapshots/{id}/activate")
    DaytonaSnapshot activateSnapshot(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return DaytonaSnapshot.of(snapshots.activate(caller, id, true));
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/snapshots/{id}/deactivate")
    DaytonaSnapshot deactivateSnapshot(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return DaytonaSnapshot.of(snapshots.activate(caller, id, false));
    }

    @KeyScope({"sandboxes", "snapshots"})
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/snapshots")
    DaytonaSnapshot createSnapshot(@AuthenticationPrincipal Caller caller, @RequestBody CreateSnapshot request) {
        if (request == null) {
            throw new BadRequestException("name and imageName or buildInfo are required");
        }
        if (request.gpu() != null && request.gpu() > 0) {
            throw new BadRequestException("gpu: this server has no GPUs");
        }
        DockerfileSteps steps;
        if (request.buildInfo() != null && request.buildInfo().hasNonNull("dockerfileContent")) {
            steps = DockerfileSteps.parse(request.buildInfo().get("dockerfileContent").asString());
        } else if (request.imageName() != null && !request.imageName().isBlank()) {
            steps = new DockerfileSteps(DockerfileSteps.baseOf(request.imageName()), List.of());
        } else {
            throw new BadRequestException("imageName or buildInfo.dockerfileContent is required");
        }
        return DaytonaSnapshot.of(snapshots.build(caller, new CreateSnapshotRequest(request.name(), steps.base(), steps.commands())));
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/volumes")
    List<DaytonaVolume> volumes(@AuthenticationPrincipal Caller caller) {
        return volumes.list(caller).stream().map(v -> DaytonaVolume.of(v, caller)).toList();
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @GetMapping({"/volumes/by-name/{name}"})
    DaytonaVolume volumeByName(@AuthenticationPrincipal Caller caller, @PathVariable String name) {
        return DaytonaVolume.of(volumes.get(caller, name), caller);
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @GetMapping({"/volumes/{id}"})
    DaytonaVolume volume(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return DaytonaVolume.of(volumes.get(caller, id), caller);
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/volumes/{id}")
    ResponseEntity<Void> deleteVolume(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        volumes.delete(caller, id);
        return ResponseEntity.ok().build();
    }

    @KeyScope({"sandboxes", "volumes"})
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/volumes")
    DaytonaVolume createVolume(@AuthenticationPrincipal Caller caller, @RequestBody CreateVolume request) {
        return DaytonaVolume.of(volumes.create(caller, request == null ? null : request.name(), null), caller);
    }
}
