package io.coderunner.server.sandboxes;

import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Preview links: a server a sandbox runs on a port, reached through this server with a token. */
@RestController
@Tag(name = "Sandboxes")
class PreviewController {

    private final PreviewLinks links;

    PreviewController(PreviewLinks links) {
        this.links = links;
    }

    /**
     * @param url      open it with {@code ?token=<token>} once (a cookie keeps it), or send the token in the
     *                 {@code X-Daytona-Preview-Token} header
     * @param host_url the same port on a host name of its own, when a preview domain is set
     */
    record PreviewUrlView(String url, String hostUrl, String token, int port, String sandboxId) {
    }

    @Operation(summary = "The URL and token that reach a port of a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/ports/{port}/preview-url")
    PreviewUrlView previewUrl(@AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable int port,
                              HttpServletRequest request) {
        PreviewLinks.PreviewLink link = links.linkFor(caller, id, port, request);
        return new PreviewUrlView(link.url(), link.hostUrl(), link.token(), link.port(), link.sandboxId());
    }
}
