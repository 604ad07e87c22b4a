package io.coderunner.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A page keeps its CSRF token while it is signed in: reading pages and data by cookie must not
 * take the token away, or the page's next change would be refused.
 */
@DatabaseAgnostic
class CsrfTokenLifetimeTests extends ServerTest {

    private final CookieManager jar = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(jar).build();

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        String csrf = cookie("XSRF-TOKEN");
        if (!"GET".equals(method) && csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String cookie(String name) {
        return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    @Test
    void readsSignedInByCookieKeepTheCsrfTokenAndALaterChangeIsAccepted() throws Exception {
        newUser("csrfkeep");
        assertThat(send("POST", "/login", "{\"username\":\"csrfkeep\",\"password\":\"password-csrfkeep-1\"}").statusCode())
                .isEqualTo(200);
        String token = cookie("XSRF-TOKEN");
        assertThat(token).isNotBlank();

        HttpResponse<String> me = send("GET", "/users/me", null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("XSRF-TOKEN="));
        assertThat(send("GET", "/api-keys", null).statusCode()).isEqualTo(200);
        assertThat(cookie("XSRF-TOKEN")).isEqualTo(token);

        HttpResponse<String> created = send("POST", "/api-keys", "{\"key_name\":\"after-reads\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }
}
