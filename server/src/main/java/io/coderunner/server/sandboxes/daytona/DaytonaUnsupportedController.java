package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.sandboxes.SandboxService;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the Daytona SDK can ask for that CodeRunner does not do, each answered 400 naming it: a
 * route left unmapped would answer a bare 404 the SDK reports as "not found", which reads as if
 * the sandbox were gone. The caller's sandbox is looked up first, so another's still answers 404.
 */
@RestController
@Hidden
class DaytonaUnsupportedController {

    private static final String SANDBOX = DaytonaUrls.API + "/sandbox/{idOrName}";
    private static final String TOOLBOX = DaytonaUrls.TOOLBOX + "/{sandboxId}";

    private final SandboxService sandboxes;

    DaytonaUnsupportedController(SandboxService sandboxes) {
        this.sandboxes = sandboxes;
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @RequestMapping({SANDBOX + "/fork", SANDBOX + "/forks", SANDBOX + "/parent", SANDBOX + "/ancestors", SANDBOX + "/resize",
            SANDBOX + "/snapshot", SANDBOX + "/pause", SANDBOX + "/recover", SANDBOX + "/backup"})
    Object sandboxAction(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, HttpServletRequest request) {
        sandboxes.get(caller, idOrName);
        throw unsupported(switch (step(request, 5)) {
            case "fork", "forks", "parent", "ancestors" -> "forking sandboxes";
            case "resize" -> "resizing a sandbox (its resources are set when it is created)";
            case "snapshot" -> "snapshots of a sandbox through the Daytona API (not available on this server yet)";
            case "pause" -> "pausing a sandbox (stop it: its files are kept)";
            case "recover" -> "recovering a sandbox (start it again)";
            default -> "backups of a sandbox (archive it)";
        });
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @RequestMapping({SANDBOX + "/autopause/{value}", SANDBOX + "/ttl/{value}", SANDBOX + "/public/{value}"})
    Object sandboxSetting(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, HttpServletRequest request) {
        sandboxes.get(caller, idOrName);
        throw unsupported(switch (step(request, 5)) {
            case "autopause" -> "auto-pause (use autostop: a stopped sandbox keeps its files)";
            case "ttl" -> "a time to live (use autostop and autodelete)";
            default -> "public sandboxes";
        });
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @RequestMapping({SANDBOX + "/ports/{port}/signed-preview-url",
            SANDBOX + "/ports/{port}/signed-preview-url/{token}/expire"})
    Object previewUrl(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName) {
        sandboxes.get(caller, idOrName);
        throw unsupported("signed preview links (use preview-url: its token does not expire)");
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @RequestMapping({SANDBOX + "/signing-key", SANDBOX + "/signing-key/**", SANDBOX + "/ssh-access", SANDBOX + "/build-logs-url",
            SANDBOX + "/build-logs", SANDBOX + "/network-settings", SANDBOX + "/secrets", SANDBOX + "/telemetry/**",
            SANDBOX + "/region-quota"})
    Object sandboxFeature(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, HttpServletRequest request) {
        sandboxes.get(caller, idOrName);
        throw unsupported(switch (step(request, 5)) {
            case "signing-key" -> "signed URLs";
            case "ssh-access" -> "SSH access";
            case "build-logs-url", "build-logs" -> "image builds";
            case "network-settings" -> "changing a sandbox's network (it is set when the sandbox is created)";
            case "secrets" -> "secrets (pass values in env)";
            case "region-quota" -> "regions";
            default -> "telemetry";
        });
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @RequestMapping(DaytonaUrls.API + "/sandbox/ssh-access/validate")
    Object sshValidate(@AuthenticationPrincipal Caller caller) {
        throw unsupported("SSH access");
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @RequestMapping({TOOLBOX + "/git/**", TOOLBOX + "/lsp/**", TOOLBOX + "/computeruse/**", TOOLBOX + "/system/**",
            TOOLBOX + "/port/**", TOOLBOX + "/env", TOOLBOX + "/init", TOOLBOX + "/process/interpreter/**"})
    Object toolbox(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, HttpServletRequest request) {
        sandboxes.get(caller, sandboxId);
        throw unsupported(switch (step(request, 4)) {
            case "process" -> "the stateful code interpreter (use process.codeRun or executeCommand)";
            case "git" -> "the toolbox's git calls (run git with executeCommand)";
            case "lsp" -> "language servers";
            case "computeruse" -> "computer use (desktop, mouse, keyboard, screenshots)";
            case "system" -> "system metrics";
            case "port" -> "listing a sandbox's ports";
            case "env" -> "changing a started sandbox's environment (pass env when it is created, or envs per command)";
            default -> "re-initialising the toolbox";
        });
    }

    /** The path's step at {@code index} (0 is what precedes the first slash): which feature was asked for. */
    private static String step(HttpServletRequest request, int index) {
        String[] steps = request.getRequestURI().split("/");
        return steps.length > index ? steps[index] : "";
    }

    private static BadRequestException unsupported(String what) {
        return new BadRequestException("not supported by this server: " + what);
    }
}
