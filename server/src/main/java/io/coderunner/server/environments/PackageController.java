package io.coderunner.server.environments;

import io.coderunner.engine.OutputListener;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Seed 004's 环境包管理. Install, upgrade and uninstall answer with the result as JSON, or, when
 * the client accepts text/event-stream, stream the package manager's output as Server-Sent Events
 * ({@code output} events, then one {@code result} or {@code error}).
 */
@RestController
@Tag(name = "Environment packages")
class PackageController {

    private final PackageService packages;
    private final EnvironmentSettings settings;

    PackageController(PackageService packages, EnvironmentSettings settings) {
        this.packages = packages;
        this.settings = settings;
    }

    /** Requirements to install: {@code packages} (a list), or one {@code package}. */
    record InstallRequest(List<String> packages, String requirements, @com.fasterxml.jackson.annotation.JsonProperty("package") String single) {

        List<String> all() {
            List<String> all = new ArrayList<>();
            if (packages != null) {
                all.addAll(packages);
            }
            if (single != null) {
                all.add(single);
            }
            if (requirements != null) {
                requirements.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(all::add);
            }
            return all;
        }
    }

    @GetMapping("/environments/{env_name}/info")
    @SignedInUser
    @Operation(summary = "An environment's base, size on disk, number of packages, creation and last use")
    PackageService.EnvironmentInfo info(@AuthenticationPrincipal Caller caller, @PathVariable("env_name") String name) {
        return packages.info(caller, name);
    }

    @GetMapping("/environments/{env_name}/packages")
    @SignedInUser
    @Operation(summary = "The installed packages with their versions, as pip list or npm ls reports them")
    List<Ecosystem.PackageInfo> list(@AuthenticationPrincipal Caller caller, @PathVariable("env_name") String name) {
        return packages.packages(caller, name);
    }

    @PostMapping("/environments/{env_name}/packages/install")
    @SignedInUser
    @Operation(summary = "Install packages (requirements with versions) into the caller's environment, with pip or npm in "
            + "the sandbox; Accept: text/event-stream streams the output")
    Object install(@AuthenticationPrincipal Caller caller, @PathVariable("env_name") String name,
                   @RequestBody(required = false) InstallRequest request,
                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<String> requirements = request == null ? List.of() : request.all();
        PackageService.PendingChange pending = packages.install(caller, name, requirements);
        return respond(accept, listener -> packages.apply(pending, listener));
    }

    @DeleteMapping("/environments/{env_name}/packages/{package_name}")
    @SignedInUser
    @Operation(summary = "Uninstall a package from the caller's environment")
    Object uninstall(@AuthenticationPrincipal Caller caller, @PathVariable("env_name") String name,
                     @PathVariable("package_name") String packageName,
                     @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        PackageService.PendingChange pending = packages.uninstall(caller, name, packageName);
        return respond(accept, listener -> packages.apply(pending, listener));
    }

    @PutMapping("/environments/{env_name}/packages/{package_name}/upgrade")
    @SignedInUser
    @Operation(summary = "Upgrade a package of the caller's environment to the newest version the index has")
    Object upgrade(@AuthenticationPrincipal Caller caller, @PathVariable("env_name") String name,
                   @PathVariable("package_name") String packageName,
                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        PackageService.PendingChange pending = packages.upgrade(caller, name, packageName);
        return respond(accept, listener -> packages.apply(pending, listener));
    }

    private Object respond(String accept, Function<OutputListener, PackageService.ChangeResult> change) {
        if (accept == null || !accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            PackageService.ChangeResult result = change.apply(OutputListener.NONE);
            // A change the package manager could not make is the request's problem (a package or
            // version the index lacks, a limit), answered 422 with the manager's own words.
            return ResponseEntity.status(result.success() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(result);
        }
        SseEmitter emitter = new SseEmitter((settings.installTimeoutSeconds() + 120) * 1000L);
        Thread.ofVirtual().name("environment-packages").start(() -> stream(emitter, change));
        return emitter;
    }

    private static void stream(SseEmitter emitter, Function<OutputListener, PackageService.ChangeResult> change) {
        Object lock = new Object();
        boolean[] gone = {false};
        OutputListener listener = frame -> {
            synchronized (lock) {
                if (!gone[0]) {
                    try {
                        emitter.send(SseEmitter.event().name("output").data(PackageService.frame(frame), MediaType.APPLICATION_JSON));
                    } catch (IOException | IllegalStateException e) {
                        // The client went away: the change goes on to its end and is kept in the log.
                        gone[0] = true;
                    }
                }
            }
        };
        try {
            PackageService.ChangeResult result = change.apply(listener);
            synchronized (lock) {
                emitter.send(SseEmitter.event().name("result").data(result, MediaType.APPLICATION_JSON));
            }
            emitter.complete();
        } catch (RuntimeException e) {
            try {
                emitter.send(SseEmitter.event().name("error").data(Map.of("detail", String.valueOf(e.getMessage())),
                        MediaType.APPLICATION_JSON));
                emitter.complete();
            } catch (IOException | IllegalStateException ignored) {
                emitter.completeWithError(e);
            }
        } catch (IOException e) {
            emitter.completeWithError(e);
        }
    }
}
