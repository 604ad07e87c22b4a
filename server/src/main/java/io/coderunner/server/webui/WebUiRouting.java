package io.coderunner.server.webui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Where the browser UI lives. The API owns the paths of the seeds ({@code /}, {@code /community/posts},
 * {@code /users/...}), so the UI's own routes are all under {@value #PREFIX}, where no endpoint is:
 *
 * <ul>
 *   <li>{@code GET /app/<route>} that is not a file (no dot in its last segment) is answered with the
 *       UI's index.html, whose router shows the page; files under /app/ are served as they are.</li>
 *   <li>{@code GET /} from a browser (it asks for text/html) is sent to {@code /app/}; every other
 *       client of {@code GET /} (curl, programs asking for JSON or anything) still gets seed 004's JSON.</li>
 *   <li>A browser opening an API path that takes no GET (seed 004's {@code POST /login}, {@code POST /register},
 *       {@code POST /api/execute}) is sent to the UI's matching page rather than shown a JSON 405;
 *       programs still get the 405.</li>
 *   <li>A browser opening a terminal's share link as the API names it ({@code /ccresearch/share/<token>})
 *       is sent to the page that replays its screen ({@code /app/shared/terminal/<token>}); programs
 *       still get the session's JSON.</li>
 * </ul>
 */
@Component
class WebUiRouting extends OncePerRequestFilter {

    static final String PREFIX = "/app";
    static final String INDEX = PREFIX + "/index.html";
    /** The UI's pages without parameters, by their path under {@value #PREFIX} (web/src/App.tsx). */
    static final Set<String> PAGES = Set.of("/login", "/register", "/forgot-password", "/reset-password", "/editor", "/history",
            "/library", "/api-keys", "/community", "/profile", "/workspaces", "/ai-configs", "/environments", "/terminals");

    /** A shared terminal's API path; tokens are URL-safe Base64, so the token is passed on as it came. */
    private static final Pattern SHARED_TERMINAL = Pattern.compile("/ccresearch/share/[A-Za-z0-9_-]+");

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile Set<String> withoutGet;

    WebUiRouting(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

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
        } else if ("GET".equals(method) && wantsHtml(request) && pathsWithoutGet().contains(path)) {
            response.sendRedirect(request.getContextPath() + PREFIX + pageFor(path));
        } else if ("GET".equals(method) && wantsHtml(request) && SHARED_TERMINAL.matcher(path).matches()) {
            response.sendRedirect(request.getContextPath() + PREFIX + "/shared/terminal/"
                    + path.substring(path.lastIndexOf('/') + 1));
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

    /** The UI's page for an API path: the page of the same name, the editor for running code, else the home page. */
    static String pageFor(String path) {
        if (PAGES.contains(path)) {
            return path;
        }
        return path.contains("execute") ? "/editor" : "/";
    }

    /** The API's fixed paths that answer no GET, read once from the endpoints' mappings. */
    private Set<String> pathsWithoutGet() {
        Set<String> paths = withoutGet;
        if (paths == null) {
            var byPath = mappings.getObject().getHandlerMethods().keySet().stream()
                    .filter(info -> info.getPathPatternsCondition() != null)
                    .flatMap(info -> info.getPathPatternsCondition().getPatternValues().stream()
                            .filter(pattern -> !pattern.contains("{") && !pattern.contains("*"))
                            .map(pattern -> java.util.Map.entry(pattern, takesGet(info))))
                    .collect(Collectors.groupingBy(java.util.Map.Entry::getKey,
                            Collectors.mapping(java.util.Map.Entry::getValue, Collectors.toSet())));
            paths = byPath.entrySet().stream().filter(entry -> !entry.getValue().contains(true))
                    .map(java.util.Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
            withoutGet = paths;
        }
        return paths;
    }

    private static boolean takesGet(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty() || methods.contains(RequestMethod.GET);
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
