package io.coderunner.server.sandboxes;

import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Snapshots: taken of a sandbox, or built from a base and setup commands; listed, read, (de)activated, deleted. */
@RestController
@Tag(name = "Snapshots")
class SnapshotController {

    private final SnapshotService snapshots;

    SnapshotController(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    record TakeRequest(String name) {
    }

    @Operation(summary = "Take a snapshot of the sandbox's files as they are now")
    @KeyScope("snapshots")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/snapshot")
    ResponseEntity<SnapshotView> take(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                      @RequestBody(required = false) TakeRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(snapshots.take(caller, id, request == null ? null : request.name()));
    }

    @Operation(summary = "Build a snapshot from a language's base and setup commands (its log at /snapshots/{id}/build-log)")
    @KeyScope("snapshots")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/snapshots")
    ResponseEntity<SnapshotView> build(@AuthenticationPrincipal Caller caller, @RequestBody CreateSnapshotRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(snapshots.build(caller, request));
    }

    @KeyScope("snapshots")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/snapshots")
    List<SnapshotView> list(@AuthenticationPrincipal Caller caller) {
        return snapshots.list(caller);
    }

    @KeyScope("snapshots")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/snapshots/{id}")
    SnapshotView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return snapshots.get(caller, id);
    }

    @Operation(summary = "The build's log; with follow=true it goes on until the build ends")
    @KeyScope("snapshots")
    @PreAuthorize("isAuthenticated()")
    @GetMapping(value = "/snapshots/{id}/build-log", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<StreamingResponseBody> buildLog(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                                   @RequestParam(defaultValue = "false") boolean follow) {
        snapshots.get(caller, id);
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(out -> snapshots.buildLog(caller, id, follow, out));
    }

    @KeyScope("snapshots")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/snapshots/{id}/activate")
    SnapshotView activate(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return snapshots.activate(caller, id, true);
    }

    @KeyScope("snapshots")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/snapshots/{id}/deactivate")
    SnapshotView deactivate(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return snapshots.activate(caller, id, false);
    }

    @KeyScope("snapshots")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/snapshots/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        snapshots.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
