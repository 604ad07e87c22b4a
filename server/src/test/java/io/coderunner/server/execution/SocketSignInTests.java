package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How a WebSocket connection is signed in: a browser's session cookie, and a credential that expires. */
@DatabaseAgnostic
class SocketSignInTests extends ServerTest {

    /** The Cookie header a browser sends after signing in through POST /login. */
    private String sessionCookieOf(String username) {
        newUser(username);
        ApiClient.Response login = api.postJson("/login", Map.of("username", username, "password", "password-" + username + "-1"));
        assertThat(login.status()).isEqualTo(200);
        List<String> cookies = login.raw().headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("coderunner_access=")).map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElseThrow();
    }

    private JsonNode runAndGetResult(ExecuteSocketClient client) throws InterruptedException {
        client.send(Map.of("type", "start", "language", "python", "code", "print(6 * 7)"));
        client.next("started");
        return client.next("result").body();
    }

    @Test
    void aPageOfThisSiteIsSignedInByItsSessionCookie() throws Exception {
        String cookie = sessionCookieOf("sockcookie");
        ExecuteSocketClient client = new ExecuteSocketClient(port, true, Map.of("Cookie", cookie, "Origin", "http://127.0.0.1:" + port));
        assertThat(runAndGetResult(client).get("stdout").asString()).isEqualTo("42\n");

        // The run was the user's: it is in their history.
        ApiClient user = api.withToken(login("sockcookie", "password-sockcookie-1"));
        assertThat(user.get("/executions").json().toString()).contains("print(6 * 7)");
    }

    @Test
    void aPageOfAnotherSiteIsNotSignedInByTheCookie() throws Exception {
        String cookie = sessionCookieOf("sockforeign");
        ExecuteSocketClient client = new ExecuteSocketClient(port, true, Map.of("Cookie", cookie, "Origin", "https://evil.example"));
        assertThat(runAndGetResult(client).get("stdout").asString()).isEqualTo("42\n");

        // It ran anonymously: nothing in the user's history.
        ApiClient user = api.withToken(login("sockforeign", "password-sockforeign-1"));
        assertThat(user.get("/executions").json().size()).isZero();
    }

    @Test
    void aConnectionIsClosedWhenItsCredentialExpires() throws Exception {
        ApiClient owner = newUser("sockexpiry");
        String expiresAt = Instant.now().plusSeconds(3).toString();
        ApiClient.Response created = owner.postJson("/api-keys", Map.of("key_name", "short", "expires_at", expiresAt));
        assertThat(created.status()).isEqualTo(200);
        String key = created.json().get("api_key").asString();

        ExecuteSocketClient client = new ExecuteSocketClient(port, true, Map.of());
        client.send(Map.of("type", "auth", "token", key));
        client.next("authenticated");
        client.send(Map.of("type", "start", "language", "bash", "code", "sleep 30"));
        client.next("started");
        String closed = client.closed.get(15, TimeUnit.SECONDS);
        assertThat(closed).startsWith("4401 ").contains("expired");
    }

    @Test
    void aKeyWithoutTheExecuteScopeCannotRunOverTheSocket() throws Exception {
        ApiClient owner = newUser("sockreader");
        String key = owner.postJson("/api-keys", Map.of("key_name", "reader", "scopes", List.of("read_library")))
                .json().get("api_key").asString();

        ExecuteSocketClient client = new ExecuteSocketClient(port, true, Map.of());
        client.send(Map.of("type", "auth", "token", key));
        client.next("authenticated");
        client.send(Map.of("type", "start", "language", "python", "code", "print(6 * 7)"));
        assertThat(client.next("error").body().get("detail").asString()).contains("execute");
        assertThat(owner.get("/executions").json().size()).isZero();
    }
}
