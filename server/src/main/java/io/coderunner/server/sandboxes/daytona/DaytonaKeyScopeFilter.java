package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * An API key without the {@code sandboxes} scope opens no WebSocket under {@code /daytona/}: the
 * key guard of the controllers ({@code KeyScope}) does not see upgrades, which go to socket
 * handlers, not controller methods. Runs after the security chain has read the credential.
 */
@Component
class DaytonaKeyScopeFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    DaytonaKeyScopeFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/daytona/") || !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller && caller.viaApiKey()
                && !caller.scopes().contains("sandboxes")) {
            String path = request.getRequestURI();
            boolean toolbox = DaemonCodes.isToolbox(path);
            Map<String, Object> body = DaytonaErrorBody.of(HttpStatus.FORBIDDEN,
                    "this API key lacks the scope sandboxes, which the Daytona API needs", toolbox ? "FORBIDDEN" : ProblemCodes.FORBIDDEN,
                    toolbox ? DaytonaErrorBody.DAEMON : null, path, Map.of());
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write(json.writeValueAsString(body));
            return;
        }
        chain.doFilter(request, response);
    }
}
