package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.sandboxes.PreviewLinks;
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
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Daytona's preview link ({@code getPreviewLink}): the same link as the native API's. Clients send
 * the token in {@code X-Daytona-Preview-Token}; the host-based URL is preferred when a preview domain
 * is set, as Daytona's own links are host-based.
 */
@RestController
@Tag(name = "Daytona")
class DaytonaPreviewController {

    private final PreviewLinks links;

    DaytonaPreviewController(PreviewLinks links) {
        this.links = links;
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record PortPreviewUrl(String sandboxId, String url, String token) {
    }

    @Operation(summary = "Daytona: the URL and token that reach a port of a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/daytona/api/sandbox/{id}/ports/{port}/preview-url")
    PortPreviewUrl previewUrl(@AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable int port,
                              HttpServletRequest request) {
        PreviewLinks.PreviewLink link = links.linkFor(caller, id, port, request);
        return new PortPreviewUrl(link.sandboxId(), link.hostUrl() != null ? link.hostUrl() : link.url(), link.token());
    }
}
