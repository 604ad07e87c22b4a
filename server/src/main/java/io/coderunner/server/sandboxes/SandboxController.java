package io.coderunner.server.sandboxes;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Long-lived sandboxes: create, list, read, start, stop, archive, delete, labels and lifecycle. */
@RestController
@Tag(name = "Sandboxes")
class SandboxController {

    private final SandboxService sandboxes;

    SandboxController(SandboxService sandboxes) {
        this.sandboxes = sandboxes;
    }

    record SandboxPage(List<SandboxView> items, int total, int skip, int limit) {
    }

    record LabelsRequest(Map<String, String> labels) {
    }

    record LifecycleRequest(Integer autoStopMinutes, Integer autoArchiveMinutes, Integer autoDeleteMinutes) {
    }

    record TransitionView(String from, String to, String reason, long at) {
    }

    @Operation(summary = "Create a sandbox and start it")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes")
    ResponseEntity<SandboxView> create(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) CreateSandboxRequest request) {
        CreateSandboxRequest body = request == null
                ? new CreateSandboxRequest(null, null, null, null, null, null, null, null, null, null, null, null, null) : request;
        return ResponseEntity.status(HttpStatus.CREATED).body(sandboxes.create(caller, body));
    }

    /**
     * @param label labels the sandboxes must have, each {@code key=value}
     * @param state states to keep (any of them), comma-separated or repeated
     */
    @Operation(summary = "List the caller's sandboxes")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes")
    SandboxPage list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) List<String> label,
                     @RequestParam(required = false) List<String> state, @RequestParam(required = false) Integer skip,
                     @RequestParam(required = false) Integer limit) {
        io.coderunner.server.http.Page page = io.coderunner.server.http.Page.of(skip, limit, 100);
        List<SandboxView> all = sandboxes.list(caller, labels(label), states(state));
        List<SandboxView> items = all.stream().skip(page.skip()).limit(page.limit()).toList();
        return new SandboxPage(items, all.size(), page.skip(), page.limit());
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}")
    SandboxView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return sandboxes.get(caller, id);
    }

    @Operation(summary = "Every change of the sandbox's state, oldest first")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/transitions")
    List<TransitionView> transitions(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return sandboxes.transitions(caller, id).stream()
                .map(t -> new TransitionView(t.from() == null ? null : t.from().id(), t.to().id(), t.reason(), t.at())).toList();
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/sandboxes/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        sandboxes.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/start")
    SandboxView start(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return sandboxes.start(caller, id);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/stop")
    SandboxView stop(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return sandboxes.stop(caller, id);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/archive")
    SandboxView archive(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return sandboxes.archive(caller, id);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PutMapping("/sandboxes/{id}/labels")
    SandboxView labels(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody LabelsRequest request) {
        if (request == null || request.labels() == null) {
            throw new BadRequestException("labels is required: an object of the sandbox's labels");
        }
        return sandboxes.setLabels(caller, id, request.labels());
    }

    @Operation(summary = "Change after how many idle minutes the sandbox stops (0: never), and when it archives and deletes itself")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PutMapping("/sandboxes/{id}/auto-stop")
    SandboxView autoStop(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody LifecycleRequest request) {
        if (request == null || (request.autoStopMinutes() == null && request.autoArchiveMinutes() == null
                && request.autoDeleteMinutes() == null)) {
            throw new BadRequestException("give auto_stop_minutes, auto_archive_minutes or auto_delete_minutes");
        }
        return sandboxes.setLifecycle(caller, id, request.autoStopMinutes(), request.autoArchiveMinutes(), request.autoDeleteMinutes());
    }

    private static Map<String, String> labels(List<String> pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (pairs != null) {
            for (String pair : pairs) {
                int equals = pair.indexOf('=');
                if (equals < 1) {
                    throw new BadRequestException("label must be key=value, was " + pair);
                }
                labels.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return labels;
    }

    static Set<SandboxState> states(List<String> names) {
        if (names == null) {
            return Set.of();
        }
        try {
            return names.stream().flatMap(name -> Arrays.stream(name.split(","))).map(String::strip).filter(n -> !n.isEmpty())
                    .map(SandboxState::of).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("state must be one of " + Arrays.stream(SandboxState.values()).map(SandboxState::id)
                    .collect(Collectors.joining(", ")));
        }
    }
}
