package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ServerTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's sign-in: tokens in HTTP-only cookies, a CSRF token the page echoes on every change,
 * refresh and sign-out by cookie. The client keeps cookies as a browser does.
 */
class BrowserSessionTests extends ServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A browser: a cookie jar, and requests that send what the jar holds for the site. */
    private final class Browser {
        final CookieManager jar = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(jar).build();

        HttpResponse<String> send(String method, String path, String json, boolean withCsrfHeader) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json");
            String csrf = cookie("XSRF-TOKEN");
            if (withCsrfHeader && csrf != null) {
                request.header("X-XSRF-TOKEN", csrf);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        void login(String username) throws Exception {
            HttpResponse<String> response = send("POST", "/login",
                    "{\"username\":\"" + username + "\",\"password\":\"password-" + username + "-1\"}", false);
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void signingInSetsHttpOnlyTokenCookiesAndAReadableCsrfCookie() throws Exception {
        newUser("cookie1");
        Browser browser = new Browser();
        HttpResponse<String> login = browser.send("POST", "/login", "{\"username\":\"cookie1\",\"password\":\"password-cookie1-1\"}", false);
        List<String> setCookies = login.headers().allValues("Set-Cookie");
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("coderunner_access=").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("coderunner_refresh=").contains("HttpOnly"));
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=").doesNotContain("HttpOnly"));
        // Programs still get the tokens in the body (seed 000's Token).
        assertThat(JSON.readTree(login.body()).get("access_token").asString()).isNotBlank();

        HttpResponse<String> me = browser.send("GET", "/users/me", null, false);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("username").asString()).isEqualTo("cookie1");
    }

    @Test
    void aChangeSignedInByCookieNeedsTheCsrfToken() throws Exception {
        newUser("cookie2");
        Browser browser = new Browser();
        browser.login("cookie2");

        HttpResponse<String> forged = browser.send("PUT", "/profile", "{\"bio\":\"forged\"}", false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forged.body()).get("detail").asString()).contains("CSRF").contains("X-XSRF-TOKEN");

        HttpResponse<String> real = browser.send("PUT", "/profile", "{\"bio\":\"mine\"}", true);
        assertThat(real.statusCode()).isEqualTo(200);
        assertThat(browser.send("GET", "/profile", null, false).body()).contains("mine").doesNotContain("forged");

        // A program sending its token in a header needs no CSRF token, even with the cookies about.
        String token = login("cookie2", "password-cookie2-1");
        HttpResponse<String> program = browser.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/profile"))
                .method("PUT", HttpRequest.BodyPublishers.ofString("{\"bio\":\"program\"}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(program.statusCode()).isEqualTo(200);
    }

    @Test
    void refreshAndSignOutWorkByCookie() throws Exception {
        newUser("cookie3");
        Browser browser = new Browser();
        browser.login("cookie3");
        String firstRefresh = browser.cookie("coderunner_refresh");

        HttpResponse<String> refreshed = browser.send("POST", "/refresh", null, true);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(browser.cookie("coderunner_refresh")).isNotEqualTo(firstRefresh);
        assertThat(browser.send("GET", "/users/me", null, false).statusCode()).isEqualTo(200);

        String lastRefresh = browser.cookie("coderunner_refresh");
        HttpResponse<String> out = browser.send("POST", "/logout", null, true);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(browser.cookie("coderunner_access")).isNull();
        assertThat(browser.cookie("coderunner_refresh")).isNull();
        assertThat(browser.send("GET", "/users/me", null, false).statusCode()).isEqualTo(401);

        // The refresh token the cookie held is revoked, not only forgotten by the browser.
        HttpResponse<String> replay = browser.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/refresh"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\"" + lastRefresh + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(401);
    }

    @Test
    void aStaleAccessCookieDoesNotStandInTheWayOfSigningInAgain() throws Exception {
        newUser("cookie4");
        Browser browser = new Browser();
        browser.jar.getCookieStore().add(URI.create("http://127.0.0.1:" + port), stale());
        HttpResponse<String> me = browser.send("GET", "/users/me", null, false);
        assertThat(me.statusCode()).isEqualTo(401);
        browser.login("cookie4");
        assertThat(browser.send("GET", "/users/me", null, false).statusCode()).isEqualTo(200);
    }

    private static HttpCookie stale() {
        HttpCookie cookie = new HttpCookie("coderunner_access", "eyJhbGciOiJIUzI1NiJ9.e30.bm90LXNpZ25lZA");
        cookie.setPath("/");
        cookie.setVersion(0);
        return cookie;
    }

}
