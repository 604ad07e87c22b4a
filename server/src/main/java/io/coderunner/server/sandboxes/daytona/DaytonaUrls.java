package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.system.CodeRunnerSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where the Daytona routes are reached from outside: under the configured public URL when there
 * is one, else under the origin the request came to. The SDK sends every toolbox call to the
 * sandbox record's {@code toolboxProxyUrl} + {@code /} + the sandbox's id.
 */
@Component
class DaytonaUrls {

    static final String API = "/daytona/api";
    static final String TOOLBOX = "/daytona/toolbox";

    private final String publicUrl;

    DaytonaUrls(CodeRunnerSettings settings) {
        this.publicUrl = settings.publicUrl();
    }

    /** The server's base URL as the caller of this request reaches it. */
    String base(HttpServletRequest request) {
        return publicUrl != null ? publicUrl : ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }

    String toolbox(HttpServletRequest request) {
        return base(request) + TOOLBOX;
    }
}
