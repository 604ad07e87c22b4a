package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The UI's pages and files are served under /app; the API keeps every path of its own. */
@DatabaseAgnostic
class WebUiRoutingTests extends ServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void theRootSendsBrowsersToTheUiAndAnswersProgramsWithJson() throws Exception {
        HttpResponse<String> browser = get("/", BROWSER_ACCEPT);
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/app/"));

        for (String accept : new String[] {null, "*/*", "application/json"}) {
            HttpResponse<String> program = get("/", accept);
            assertThat(program.statusCode()).as("Accept %s", accept).isEqualTo(200);
            assertThat(program.body()).contains("\"status\":\"ok\"");
        }
    }

    @Test
    void aBrowserOpeningATerminalsShareLinkIsShownItsPageAndProgramsStillGetJson() throws Exception {
        HttpResponse<String> browser = get("/ccresearch/share/AbC-12_x", BROWSER_ACCEPT);
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/app/shared/terminal/AbC-12_x"));
        // A program asking for the same path is answered by the API (here: no such share).
        assertThat(get("/ccresearch/share/AbC-12_x", "application/json").statusCode()).isEqualTo(404);
        assertThat(get("/ccresearch/share/AbC-12_x/log", BROWSER_ACCEPT).statusCode()).isEqualTo(404);
    }

    @Test
    void everyRouteOfTheUiIsItsPage() throws Exception {
        for (String route : new String[] {"/app/", "/app/editor", "/app/community/posts/12", "/app/admin/users"}) {
            HttpResponse<String> page = get(route, BROWSER_ACCEPT);
            assertThat(page.statusCode()).as(route).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).as(route).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).as(route).contains("<div id=\"root\"></div>");
            assertThat(page.headers().firstValue("Cache-Control")).as(route).hasValue("no-cache");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(route)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-eval"));
        }
        assertThat(get("/app", BROWSER_ACCEPT).statusCode()).isEqualTo(302);
    }

    @Test
    void theBuiltScriptsAreServedAndKeptByBrowsers() throws Exception {
        String page = get("/app/", BROWSER_ACCEPT).body();
        Matcher script = Pattern.compile("src=\"(/app/assets/[^\"]+\\.js)\"").matcher(page);
        assertThat(script.find()).as(page).isTrue();
        HttpResponse<String> asset = get(script.group(1), "*/*");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(asset.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("immutable"));
        // Nothing from another site: every script and style the page loads is this server's.
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
    }

    @Test
    void aBrowserOpeningAnApiPathThatTakesNoGetIsSentToItsPage() throws Exception {
        for (String[] pair : new String[][] {{"/login", "/app/login"}, {"/register", "/app/register"},
                {"/api/execute", "/app/editor"}, {"/logout", "/app/"}}) {
            HttpResponse<String> browser = get(pair[0], BROWSER_ACCEPT);
            assertThat(browser.statusCode()).as(pair[0]).isEqualTo(302);
            assertThat(browser.headers().firstValue("Location")).as(pair[0])
                    .hasValueSatisfying(l -> assertThat(l).endsWith(pair[1]));
        }
        // A program still learns that the method is wrong; a GET route is never redirected.
        HttpResponse<String> program = get("/login", "application/json");
        assertThat(program.statusCode()).isEqualTo(405);
        assertThat(program.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(get("/api/languages", BROWSER_ACCEPT).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingFileIsNotThePage() throws Exception {
        assertThat(get("/app/assets/missing-0000.js", "*/*").statusCode()).isEqualTo(404);
    }

    @Test
    void theApiPathsTheUiSharesStillAnswerJson() throws Exception {
        // /community/posts is also a page name in other front ends: here it stays the API.
        HttpResponse<String> posts = get("/community/posts", "application/json");
        assertThat(posts.statusCode()).isEqualTo(200);
        assertThat(posts.body()).contains("\"posts\"");
        assertThat(posts.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    }
}
