package io.coderunner.server.sandboxes;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.CodeRunnerSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Preview links of a started sandbox's ports, for the native and the Daytona API alike: the URL
 * the proxy ({@link PreviewProxyFilter}) answers at and the token that opens it.
 */
@Service
public class PreviewLinks {

    /** Where previews are served: {@code /sandbox-preview/<sandbox id>/<port>/...}. */
    static final String PREFIX = "/sandbox-preview/";

    private final SandboxService sandboxes;
    private final PreviewTokens tokens;
    private final CodeRunnerSettings settings;
    private final PreviewSettings preview;

    PreviewLinks(SandboxService sandboxes, PreviewTokens tokens, CodeRunnerSettings settings, PreviewSettings preview) {
        this.sandboxes = sandboxes;
        this.tokens = tokens;
        this.settings = settings;
        this.preview = preview;
    }

    /**
     * @param url     the path-based URL under this server's public address
     * @param hostUrl the URL on a host name of its own, when a preview domain is set; else null
     */
    public record PreviewLink(String sandboxId, int port, String url, String hostUrl, String token) {
    }

    /** The link of the caller's started sandbox's port; 409 naming the state when it is not started. */
    public PreviewLink linkFor(Caller caller, String idOrName, int port, HttpServletRequest request) {
        if (port < 1 || port > 65535) {
            throw new BadRequestException("port must be a TCP port from 1 to 65535, was " + port);
        }
        String id = sandboxes.live(caller, idOrName).id();
        String base = settings.publicUrl() != null ? settings.publicUrl()
                : ServletUriComponentsBuilder.fromContextPath(request).replacePath(null).replaceQuery(null).build().toUriString();
        String url = base + request.getContextPath() + PREFIX + id + "/" + port + "/";
        String hostUrl = null;
        if (preview.previewDomain() != null) {
            String scheme = base.substring(0, base.indexOf("://"));
            hostUrl = scheme + "://" + port + "-" + id + "." + preview.previewDomain() + "/";
        }
        return new PreviewLink(id, port, url, hostUrl, tokens.tokenFor(id, port));
    }
}
