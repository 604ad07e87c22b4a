package io.coderunner.server.sandboxes;

import static io.coderunner.server.sandboxes.SandboxTesting.create;
import static io.coderunner.server.sandboxes.SandboxTesting.post;
import static io.coderunner.server.sandboxes.SandboxTesting.stdout;
import static io.coderunner.server.sandboxes.SandboxTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Preview ports end to end: servers started inside a real sandbox, reached over real HTTP and WebSocket through the proxy. */
class SandboxPreviewTests extends ServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> fetch(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode previewUrl(ApiClient owner, String id, int port) {
        ApiClient.Response link = owner.get("/sandboxes/" + id + "/ports/" + port + "/preview-url");
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        return link.json();
    }

    private static String script(String resource) {
        try (InputStream in = SandboxPreviewTests.class.getResourceAsStream(resource)) {
            return Base64.getEncoder().encodeToString(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aServerInTheSandboxIsReachedOnlyWithItsTokenOrByItsOwner() {
        ApiClient owner = newUser(uniqueName("sbx-preview"));
        ApiClient stranger = newUser(uniqueName("sbx-preview-other"));
        String id = create(owner, Map.of()).get("id").asString();
        stdout(owner, id, "mkdir site && echo 'hello from the sandbox' > site/hello.txt"
                + " && (cd site && nohup python3 -m http.server 3000 --bind 127.0.0.1 >/dev/null 2>&1 &)");

        JsonNode link = previewUrl(owner, id, 3000);
        String url = link.get("url").asString();
        String token = link.get("token").asString();
        assertThat(url).isEqualTo("http://127.0.0.1:" + port + "/sandbox-preview/" + id + "/3000/");
        assertThat(link.get("port").asInt()).isEqualTo(3000);
        assertThat(link.get("sandbox_id").asString()).isEqualTo(id);

        Map<String, String> withToken = Map.of("X-Daytona-Preview-Token", token);
        await().atMost(Duration.ofSeconds(20)).until(() -> fetch(url + "hello.txt", withToken).statusCode() == 200);
        HttpResponse<String> served = fetch(url + "hello.txt", withToken);
        assertThat(served.body()).isEqualTo("hello from the sandbox\n");
        assertThat(served.headers().firstValue("Content-Length")).hasValue("23");

        HttpResponse<String> wrong = fetch(url + "hello.txt", Map.of("X-Daytona-Preview-Token", token.substring(1) + "A"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("hello from the sandbox").contains("token");
        String otherPortsToken = previewUrl(owner, id, 3001).get("token").asString();
        assertThat(fetch(url + "hello.txt", Map.of("X-Daytona-Preview-Token", otherPortsToken)).statusCode())
                .as("a token opens only its own port").isEqualTo(403);
        assertThat(fetch(url + "hello.txt?token=not-it", Map.of()).statusCode()).isEqualTo(403);

        HttpResponse<String> anonymous = fetch(url + "hello.txt", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("hello from the sandbox").contains("token");

        HttpResponse<String> opened = fetch(url + "hello.txt?token=" + token + "&x=1", Map.of());
        assertThat(opened.statusCode()).isEqualTo(303);
        // The token goes into the path, where every relative link of the page keeps it.
        assertThat(opened.headers().firstValue("Location")).hasValue("/sandbox-preview/" + id + "/3000/~" + token + "/hello.txt?x=1");
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("coderunner_preview=" + token).contains("Path=/sandbox-preview/" + id + "/3000/")
                .contains("HttpOnly").contains("SameSite=Lax");
        HttpResponse<String> byPath = fetch("http://127.0.0.1:" + port + opened.headers().firstValue("Location").orElseThrow(), Map.of());
        assertThat(byPath.statusCode()).isEqualTo(200);
        assertThat(byPath.body()).isEqualTo("hello from the sandbox\n");
        // Served from this server's origin, the page is an opaque origin of its own: it cannot act as its viewer here.
        assertThat(byPath.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).startsWith("sandbox "));
        assertThat(fetch(url + "~" + token.substring(1) + "x/hello.txt", Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> byCookie = fetch(url + "hello.txt", Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertThat(byCookie.statusCode()).isEqualTo(200);
        assertThat(byCookie.body()).isEqualTo("hello from the sandbox\n");

        String ownerAuthorization = owner.request("/").build().headers().firstValue("Authorization").orElseThrow();
        assertThat(fetch(url + "hello.txt", Map.of("Authorization", ownerAuthorization)).body()).isEqualTo("hello from the sandbox\n");
        String strangerAuthorization = stranger.request("/").build().headers().firstValue("Authorization").orElseThrow();
        HttpResponse<String> strangers = fetch(url + "hello.txt", Map.of("Authorization", strangerAuthorization));
        assertThat(strangers.statusCode()).isEqualTo(403);
        assertThat(strangers.body()).doesNotContain("hello from the sandbox");
        assertThat(stranger.get("/sandboxes/" + id + "/ports/3000/preview-url").status()).isEqualTo(404);

        JsonNode daytona = owner.get("/daytona/api/sandbox/" + id + "/ports/3000/preview-url").json();
        assertThat(daytona.get("sandboxId").asString()).isEqualTo(id);
        assertThat(daytona.get("url").asString()).isEqualTo(url);
        assertThat(daytona.get("token").asString()).isEqualTo(token);

        String closedPortToken = previewUrl(owner, id, 3999).get("token").asString();
        HttpResponse<String> closed = fetch("http://127.0.0.1:" + port + "/sandbox-preview/" + id + "/3999/",
                Map.of("X-Daytona-Preview-Token", closedPortToken));
        assertThat(closed.statusCode()).isEqualTo(502);
        assertThat(closed.body()).contains("port 3999");
        assertThat(owner.get("/sandboxes/" + id + "/ports/70000/preview-url").status()).isEqualTo(400);

        post(owner, "/sandboxes/" + id + "/stop");
        HttpResponse<String> stopped = fetch(url + "hello.txt", withToken);
        assertThat(stopped.statusCode()).isEqualTo(409);
        assertThat(stopped.body()).contains("stopped");
    }

    @Test
    void aWebSocketServerInTheSandboxAnswersThroughTheProxy() throws Exception {
        ApiClient owner = newUser(uniqueName("sbx-preview-ws"));
        String id = create(owner, Map.of()).get("id").asString();
        stdout(owner, id, "echo " + script("/sandboxes/ws_echo.py") + " | base64 -d > ws_echo.py"
                + " && (nohup python3 ws_echo.py 3001 >/dev/null 2>&1 &)");
        String token = previewUrl(owner, id, 3001).get("token").asString();
        URI socketUri = URI.create("ws://127.0.0.1:" + port + "/sandbox-preview/" + id + "/3001/echo");

        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    answer.complete(text.toString());
                }
                socket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                answer.completeExceptionally(error);
            }
        };
        WebSocket socket = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> HTTP.newWebSocketBuilder()
                .header("X-Daytona-Preview-Token", token).buildAsync(socketUri, listener).get(10, TimeUnit.SECONDS), s -> s != null);
        socket.sendText("ping through the tunnel", true).get(10, TimeUnit.SECONDS);
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("echo:ping through the tunnel");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

        CompletableFuture<WebSocket> refused = HTTP.newWebSocketBuilder().buildAsync(socketUri, new WebSocket.Listener() { });
        assertThat(refused).failsWithin(Duration.ofSeconds(10));
    }
}
