package io.coderunner.server.environments;

import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** Seed 004's Conda环境管理, with Python virtual environments and Node.js projects. */
@RestController
@Tag(name = "Environments")
class EnvironmentController {

    private final EnvironmentService environments;
    private final BaseEnvironments bases;

    EnvironmentController(EnvironmentService environments, BaseEnvironments bases) {
        this.environments = environments;
        this.bases = bases;
    }

    /** A new environment, or a change (absent fields are kept). */
    record EnvironmentRequest(String name, String description, String base, String language, String version,
                              String pythonVersion, Boolean isPublic) {

        EnvironmentService.Fields fields() {
            return new EnvironmentService.Fields(name, description, base, language, version, pythonVersion, isPublic);
        }
    }

    record BaseView(String name, String language, String version, String displayName) {
    }

    @GetMapping("/conda-environments")
    @SignedInUser
    @Operation(summary = "Names of the environments the caller may use: the bases (one per Python and Node.js toolchain), "
            + "their own, and public ones")
    List<String> names(@AuthenticationPrincipal Caller caller) {
        Set<String> names = new LinkedHashSet<>();
        bases.all().forEach(base -> names.add(base.name()));
        environments.own(caller).forEach(e -> names.add(e.name()));
        environments.publicOfOthers(caller).forEach(e -> names.add(e.name()));
        return new ArrayList<>(names);
    }

    @GetMapping("/environments/available")
    @SignedInUser
    @Operation(summary = "The base environments (toolchains with versions), the caller's own environments and public ones")
    Map<String, Object> available(@AuthenticationPrincipal Caller caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("base_environments", bases.all().stream()
                .map(b -> new BaseView(b.name(), b.language(), b.version(), b.displayName())).toList());
        body.put("user_environments", environments.own(caller).stream().map(EnvironmentView::of).toList());
        body.put("public_environments", environments.publicOfOthers(caller).stream().map(EnvironmentView::of).toList());
        return body;
    }

    @PostMapping("/user-environments")
    @SignedInUser
    @Operation(summary = "Make an environment: name, description, base (or language and version), is_public; "
            + "as many as the tier allows (Free: one)")
    EnvironmentView create(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) EnvironmentRequest request) {
        return EnvironmentView.of(environments.create(caller, request == null ? null : request.fields()));
    }

    @GetMapping("/user-environments")
    @SignedInUser
    @Operation(summary = "The caller's environments")
    List<EnvironmentView> own(@AuthenticationPrincipal Caller caller) {
        return environments.own(caller).stream().map(EnvironmentView::of).toList();
    }

    @GetMapping("/user-environments/{env_id}")
    @SignedInUser
    @Operation(summary = "An environment of the caller's, or a public one")
    EnvironmentView one(@AuthenticationPrincipal Caller caller, @PathVariable("env_id") long id) {
        return EnvironmentView.of(environments.readable(caller, id));
    }

    @PutMapping("/user-environments/{env_id}")
    @SignedInUser
    @Operation(summary = "Change an environment's name, description or visibility (its base stays)")
    EnvironmentView update(@AuthenticationPrincipal Caller caller, @PathVariable("env_id") long id,
                           @RequestBody(required = false) EnvironmentRequest request) {
        return EnvironmentView.of(environments.update(caller, id, request == null ? null : request.fields()));
    }

    @DeleteMapping("/user-environments/{env_id}")
    @SignedInUser
    @Operation(summary = "Delete an environment with its packages; refused (409) while a program runs in it")
    Map<String, String> delete(@AuthenticationPrincipal Caller caller, @PathVariable("env_id") long id) {
        environments.delete(caller, id);
        return Map.of("message", "environment " + id + " deleted");
    }

    @GetMapping("/admin/user-environments")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Every user's environments")
    List<EnvironmentView> all(@RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        return environments.all(Page.of(skip, limit, 100)).stream().map(EnvironmentView::of).toList();
    }

    @DeleteMapping("/admin/user-environments/{env_id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Delete any user's environment; refused (409) while a program runs in it")
    Map<String, String> deleteAny(@AuthenticationPrincipal Caller caller, @PathVariable("env_id") long id) {
        environments.deleteAsAdministrator(caller, id);
        return Map.of("message", "environment " + id + " deleted");
    }
}
