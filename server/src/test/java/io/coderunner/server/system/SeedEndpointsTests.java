package io.coderunner.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import io.coderunner.server.security.OpenToVisitors;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Reads seed 004's endpoint tables (a copy in the test resources) and proves that every endpoint
 * is served at its path and method, with the authentication the seed gives it (无 none, JWT, 管理员
 * administrator, API Key), plus the two comment endpoints the seed found missing.
 */
@DatabaseAgnostic
class SeedEndpointsTests extends ServerTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(String method, String path, String auth) {
        String normalizedPath() {
            return path.replaceAll("\\{[^}]+}", "{}");
        }
    }

    static List<Endpoint> seedEndpoints() throws IOException {
        String text;
        try (InputStream in = SeedEndpointsTests.class.getResourceAsStream("/seed-004-endpoints.md")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length >= 6 && cells[1].strip().matches("GET|POST|PUT|DELETE")) {
                endpoints.add(new Endpoint(cells[1].strip(), cells[2].strip().replace("`", ""), cells[5].strip()));
            }
        }
        return endpoints;
    }

    @Test
    void allEightyOneEndpointsOfSeed004AndTheTwoAddedAreServedWithTheirAuthentication() throws IOException {
        List<Endpoint> endpoints = new ArrayList<>(seedEndpoints());
        assertThat(endpoints).hasSize(81);
        endpoints.add(new Endpoint("PUT", "/community/comments/{comment_id}", "JWT"));
        endpoints.add(new Endpoint("DELETE", "/community/comments/{comment_id}", "JWT"));

        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Optional<HandlerMethod> handler = handler(endpoint);
            if (handler.isEmpty()) {
                wrong.add(endpoint + ": not served");
                continue;
            }
            String problem = authProblem(endpoint, handler.get());
            if (problem != null) {
                wrong.add(endpoint + ": " + problem);
            }
        }
        assertThat(wrong).as("seed 004 endpoints missing or with the wrong authentication").isEmpty();
    }

    private Optional<HandlerMethod> handler(Endpoint endpoint) {
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            boolean method = entry.getKey().getMethodsCondition().getMethods().contains(RequestMethod.valueOf(endpoint.method()));
            boolean path = entry.getKey().getPatternValues().stream()
                    .anyMatch(p -> p.replaceAll("\\{[^}]+}", "{}").equals(endpoint.normalizedPath()));
            if (method && path) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the seed gives to signed-in users that are open to visitors too, so that a shared link
     * works for a person without an account; a signed-in user reads them as before. Keys stay out.
     */
    private static final Set<String> WIDENED_TO_VISITORS = Set.of("GET /community/posts", "GET /community/posts/{}",
            "GET /community/posts/{}/comments", "GET /code-library/{}", "GET /users/{}/code-library", "GET /users/{}/posts",
            "GET /users/{}/followers", "GET /users/{}/following", "GET /users/by-username/{}");

    private static final String OPEN_TO_VISITORS = OpenToVisitors.class.getAnnotation(PreAuthorize.class).value();

    private static String authProblem(Endpoint endpoint, HandlerMethod handler) {
        boolean open = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PermitAll.class);
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        String expression = rule == null ? "" : rule.value();
        if (WIDENED_TO_VISITORS.contains(endpoint.method() + " " + endpoint.normalizedPath())) {
            return endpoint.auth().equals("JWT") && expression.equals(OPEN_TO_VISITORS) ? null
                    : "should be open to visitors and signed-in users (not keys), is " + (open ? "public" : expression);
        }
        return switch (endpoint.auth()) {
            case "无" -> open ? null : "should be public, is " + expression;
            case "JWT" -> !open && expression.contains("isAuthenticated()") && !expression.contains("ADMIN")
                    ? null : "should need a signed-in user, is " + (open ? "public" : expression);
            case "管理员" -> expression.contains("hasRole('ADMIN')") ? null : "should need an administrator, is " + expression;
            case "API Key" -> expression.contains("SCOPE_") ? null : "should need an API key, is " + expression;
            default -> "unknown authentication '" + endpoint.auth() + "' in the seed";
        };
    }
}
