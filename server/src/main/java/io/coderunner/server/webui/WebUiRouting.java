package io.coderunner.server.webui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where the browser UI lives. The API owns the paths of the seeds ({@code /}, {@code /community/posts},
 * {@code /users/...}), so the UI's own routes are all under {@value #PREFIX}, where no endpoint is:
 *
 * <ul>
 *   <li>{@code GET /app/<route>} that is not a file (no dot in its last segment) is answered with the
 *       UI's index.html, whose router shows the page; files under /app/ are served as they are.</li>
 *   <li>{@code GET /} from a browser (it asks for text/html) is sent to {@code /app/}; every other
 *       client of {@code GET /} (curl, programs asking for JSON or anything) still gets seed 004's JSON.</li>
 * </ul>
 */
@Component
class WebUiRouting extends OncePerRequestFilter {

    static final String PREFIX = "/app";
    static final String INDEX = PREFIX + "/index.html";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/") && wantsHtml(request)) {
            response.sendRedirect(request.getContextPath() + PREFIX + "/");
        } else if (path.equals(PREFIX)) {
            response.sendRedirect(request.getContextPath() + PREFIX + "/");
        } else if (path.startsWith(PREFIX + "/") && isRoute(path)) {
            // The page changes with every release; its scripts carry their content hash in their names.
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            request.getRequestDispatcher(INDEX).forward(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** A route of the UI, not one of its files: the last segment has no dot. */
    static boolean isRoute(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    /** Browsers ask for text/html when they navigate; programs ask for JSON or for anything. */
    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
