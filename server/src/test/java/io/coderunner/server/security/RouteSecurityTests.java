package io.coderunner.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import jakarta.annotation.security.PermitAll;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Walks every route of the running server: each says who may call it, and a caller who may not is
 * refused — anonymous callers with 401, ordinary users with 403 where administrators or an API
 * key's scope are required.
 */
@DatabaseAgnostic
class RouteSecurityTests extends ServerTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Route(String method, String path, String rule, String[] keyScopes) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("io.coderunner")) {
                continue;
            }
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
            boolean open = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PermitAll.class);
            assertThat(rule != null || open)
                    .as("%s.%s declares who may call it (@PreAuthorize or @PermitAll)", handler.getBeanType().getSimpleName(),
                            handler.getMethod().getName())
                    .isTrue();
            String method = entry.getKey().getMethodsCondition().getMethods().stream().findFirst()
                    .map(RequestMethod::name).orElse("GET");
            KeyScope keyScope = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), KeyScope.class);
            for (String pattern : entry.getKey().getPatternValues()) {
                routes.add(new Route(method, pattern.replaceAll("\\{[^}]+}", "1"), open ? "permitAll" : rule.value(),
                        keyScope == null ? null : keyScope.value()));
            }
        }
        return routes;
    }

    @Test
    void everyRouteDeclaresWhoMayCallIt() {
        assertThat(routes()).hasSizeGreaterThan(20);
    }

    @Test
    void anonymousCallersAreRefusedWith401WhereAnAccountIsNeeded() {
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            if (route.rule().equals("permitAll") || route.rule().equals(OPEN_TO_VISITORS)) {
                continue;
            }
            int status = send(api, route).status();
            if (status != 401) {
                wrong.add(route + " -> " + status);
            }
        }
        assertThat(wrong).as("routes that did not answer 401 to an anonymous caller").isEmpty();
    }

    /** What visitors may read (@OpenToVisitors) they read without an account; a program with a key may not. */
    @Test
    void visitorsReadWhatIsOpenToThemAndKeysDoNot() {
        ApiClient owner = newUser("visited");
        String key = owner.postJson("/api-keys", Map.of("key_name", "k")).json().get("api_key").asString();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Route route : routes()) {
            if (!route.rule().equals(OPEN_TO_VISITORS)) {
                continue;
            }
            checked++;
            int anonymous = send(api, route).status();
            if (anonymous == 401 || anonymous == 403 || anonymous >= 500) {
                wrong.add("visitor " + route + " -> " + anonymous);
            }
            int program = send(api.withToken(key), route).status();
            if (program != 403) {
                wrong.add("key " + route + " -> " + program);
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
        assertThat(wrong).isEmpty();
    }

    private static final String OPEN_TO_VISITORS = OpenToVisitors.class.getAnnotation(PreAuthorize.class).value();

    @Test
    void ordinaryUsersAreRefusedWith403WhereAdministratorsOrAnApiKeyAreNeeded() {
        ApiClient user = newUser("ordinary");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Route route : routes()) {
            if (!route.rule().contains("ADMIN") && !route.rule().contains("SCOPE_")) {
                continue;
            }
            checked++;
            int status = send(user, route).status();
            if (status != 403) {
                wrong.add(route + " -> " + status);
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(wrong).as("routes that did not answer 403 to an ordinary user").isEmpty();
    }

    @Test
    void aKeyWithOnlyTheLibraryScopeIsRefusedEverywhereElse() {
        ApiClient owner = newUser("library-key-owner");
        String key = owner.postJson("/api-keys", Map.of("key_name", "reader", "scopes", List.of("read_library")))
                .json().get("api_key").asString();
        ApiClient reader = owner.withToken(key);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Route route : routes()) {
            boolean allowed = route.rule().contains("SCOPE_read_library")
                    || (route.keyScopes() != null && (route.keyScopes().length == 0 || List.of(route.keyScopes()).contains("read_library")))
                    || (route.rule().equals("permitAll") && route.keyScopes() == null);
            if (allowed) {
                continue;
            }
            checked++;
            int status = send(reader, route).status();
            if (status != 403) {
                wrong.add(route + " -> " + status);
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(wrong).as("routes that did not answer 403 to a key with only read_library").isEmpty();

        ApiClient.Response run = reader.postJson("/api/execute", Map.of("language", "python", "code", "print(1)"));
        assertThat(run.status()).isEqualTo(403);
        assertThat(run.detail()).contains("execute");
        assertThat(owner.get("/executions").json().toString()).doesNotContain("print(1)");
    }

    private static ApiClient.Response send(ApiClient client, Route route) {
        HttpRequest.Builder request = client.request(route.path()).header("Content-Type", "application/json");
        HttpRequest.BodyPublisher body = route.method().equals("GET") || route.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        return client.send(request.method(route.method(), body));
    }
}
