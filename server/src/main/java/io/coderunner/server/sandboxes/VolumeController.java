package io.coderunner.server.sandboxes;

import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Volumes: create, list, read, delete; mounted through a sandbox's {@code volumes} when it is created. */
@RestController
@Tag(name = "Volumes")
class VolumeController {

    private final VolumeService volumes;

    VolumeController(VolumeService volumes) {
        this.volumes = volumes;
    }

    record CreateRequest(String name, Integer sizeMb) {
    }

    @KeyScope("volumes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/volumes")
    ResponseEntity<VolumeView> create(@AuthenticationPrincipal Caller caller, @RequestBody CreateRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(volumes.create(caller, request == null ? null : request.name(),
                request == null ? null : request.sizeMb()));
    }

    @KeyScope("volumes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/volumes")
    List<VolumeView> list(@AuthenticationPrincipal Caller caller) {
        return volumes.list(caller);
    }

    @KeyScope("volumes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/volumes/{id}")
    VolumeView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return volumes.get(caller, id);
    }

    @KeyScope("volumes")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/volumes/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        volumes.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
