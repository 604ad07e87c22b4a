package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** WS /ws/execute with a real WebSocket client: streaming output, typed input, stop from elsewhere. */
@DatabaseAgnostic
class StreamingApiTests extends ServerTest {

    /** A client of this test's server. */
    final class Client extends ExecuteSocketClient {
        Client() {
            super(port, true, Map.of());
        }

        Client(boolean reading) {
            super(port, reading, Map.of());
        }
    }

    @Test
    void outputArrivesWhileTheProgramRunsAndInOrder() throws Exception {
        Client client = new Client();
        client.send(Map.of("type", "start", "language", "python",
                "code", "import time\nprint('first')\ntime.sleep(1)\nprint('second')\n"));
        String id = client.next("started").body().get("id").asString();
        assertThat(id).hasSize(36);

        List<Client.Message> messages = client.untilResult();
        Client.Message first = messages.stream().filter(m -> m.body().path("data").asString("").contains("first")).findFirst()
                .orElseThrow(() -> new AssertionError("no output 'first' among " + messages));
        Client.Message result = messages.getLast();
        assertThat(result.body().get("status").asString()).isEqualTo("OK");
        assertThat(result.body().get("stdout").asString()).isEqualTo("first\nsecond\n");
        assertThat(result.body().get("id").asString()).isEqualTo(id);
        // The first line was on the client while the program still slept.
        assertThat(TimeUnit.NANOSECONDS.toMillis(result.atNanos() - first.atNanos())).isGreaterThan(700);
        String streamed = messages.stream().filter(m -> m.body().get("type").asString().equals("stdout"))
                .map(m -> m.body().get("data").asString()).reduce("", String::concat);
        assertThat(streamed).isEqualTo("first\nsecond\n");
    }

    @Test
    void aProgramWaitsForTheLineTheUserTypes() throws Exception {
        Client client = new Client();
        client.send(Map.of("type", "start", "language", "python", "code", "name = input('name? ')\nprint('hello ' + name)\n"));
        client.next("started");
        assertThat(client.next("stdout").body().get("data").asString()).isEqualTo("name? ");
        client.send(Map.of("type", "stdin", "data", "ada\n"));
        JsonNode result = client.next("result").body();
        assertThat(result.get("stdout").asString()).isEqualTo("name? hello ada\n");
        assertThat(result.get("status").asString()).isEqualTo("OK");
    }

    @Test
    void endOfInputAndStopFromTheSameConnection() throws Exception {
        Client client = new Client();
        client.send(Map.of("type", "start", "language", "bash", "code", "cat; echo done"));
        client.next("started");
        client.send(Map.of("type", "stdin", "data", "one\n"));
        client.send(Map.of("type", "eof"));
        assertThat(client.next("result").body().get("stdout").asString()).isEqualTo("one\ndone\n");

        // The stop goes to a program that runs: it has printed its first line.
        client.send(Map.of("type", "start", "language", "bash", "code", "echo going; sleep 30"));
        client.next("started");
        assertThat(client.next("stdout").body().get("data").asString()).isEqualTo("going\n");
        client.send(Map.of("type", "stop"));
        JsonNode stopped = client.next("result").body();
        assertThat(stopped.get("status").asString()).isEqualTo("KILLED");
        assertThat(stopped.get("stdout").asString()).isEqualTo("going\n");
    }

    @Test
    void anotherClientStopsARunByItsId() throws Exception {
        Client client = new Client();
        client.send(Map.of("type", "start", "language", "python", "code", "import time\nprint('going', flush=True)\ntime.sleep(30)\n"));
        String id = client.next("started").body().get("id").asString();
        // The stop goes to a program that runs: it has printed its first line.
        assertThat(client.next("stdout").body().get("data").asString()).startsWith("going");

        ApiClient.Response stop = api.postJson("/api/execute/stop/" + id, Map.of());
        assertThat(stop.status()).isEqualTo(200);
        JsonNode result = client.next("result").body();
        assertThat(result.get("status").asString()).isEqualTo("KILLED");
        assertThat(result.get("execution_time").asLong()).isLessThan(10_000);
        assertThat(api.postJson("/api/execute/stop/" + id, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aSignedInUsersRunCountsAndOnlyTheyCanStopIt() throws Exception {
        ApiClient owner = newUser("streamer");
        String token = login("streamer", "password-streamer-1");
        Client client = new Client();
        client.send(Map.of("type", "auth", "token", token));
        assertThat(client.next("authenticated").body().get("username").asString()).isEqualTo("streamer");
        client.send(Map.of("type", "start", "language", "bash", "code", "echo going; sleep 30"));
        String id = client.next("started").body().get("id").asString();
        // The refusals and the stop go to a program that runs: it has printed its first line.
        assertThat(client.next("stdout").body().get("data").asString()).isEqualTo("going\n");

        assertThat(api.postJson("/api/execute/stop/" + id, Map.of()).status()).isEqualTo(404);
        assertThat(newUser("stranger").postJson("/api/execute/stop/" + id, Map.of()).status()).isEqualTo(404);
        assertThat(owner.postJson("/api/execute/stop/" + id, Map.of()).status()).isEqualTo(200);
        assertThat(client.next("result").body().get("status").asString()).isEqualTo("KILLED");

        JsonNode history = owner.get("/executions").json();
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.get(0).get("status").asString()).isEqualTo("KILLED");
        assertThat(owner.get("/user-stats").json().get("today_executions").asInt()).isEqualTo(1);
    }

    @Test
    void badTokensCloseTheConnectionAndBadStartsAreRefused() throws Exception {
        Client client = new Client();
        client.send(Map.of("type", "start", "language", "cobol", "code", "x"));
        assertThat(client.next("error").body().get("detail").asString()).contains("cobol");
        client.send(Map.of("type", "stdin", "data", "x"));
        assertThat(client.next("error").body().get("detail").asString()).contains("no run");
        client.send(Map.of("type", "dance"));
        assertThat(client.next("error").body().get("detail").asString()).contains("unknown message type");

        client.send(Map.of("type", "auth", "token", "not-a-token"));
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).startsWith("4401").contains("access token is not valid");
    }

    @Test
    void outputAClientDoesNotReadInTimeIsDroppedAndCounted() throws Exception {
        Client slow = new Client(false);
        slow.send(Map.of("type", "start", "language", "python",
                "code", "import sys\nfor _ in range(128):\n    sys.stdout.write('x' * 65536)\n",
                "limits", Map.of("max_output_bytes", 16L * 1024 * 1024)));
        // The program writes 8 MiB while the client reads nothing; then the client reads it all. These
        // three seconds of not reading are what is tested, not a wait for something: nothing the
        // server says can be read without reading.
        Thread.sleep(3000);
        slow.socket.request(Long.MAX_VALUE);
        List<Client.Message> messages = slow.untilResult();
        JsonNode result = messages.getLast().body();
        long streamed = messages.stream().filter(m -> m.body().get("type").asString().equals("stdout"))
                .mapToLong(m -> m.body().get("data").asString().length()).sum();
        long dropped = result.get("dropped_output_bytes").asLong();

        assertThat(result.get("status").asString()).isEqualTo("OK");
        assertThat(result.get("stdout").asString()).hasSize(8 * 1024 * 1024);
        assertThat(dropped).isPositive();
        assertThat(streamed + dropped).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void aClientThatNeverReadsCostsItsRunNoMoreThanItsLimits() throws Exception {
        Client silent = new Client(false);
        silent.send(Map.of("type", "start", "language", "python", "code", "while True:\n    print('x' * 4096)\n",
                "limits", Map.of("max_output_bytes", 16L * 1024 * 1024, "wall_time_ms", 3_000)));
        // First the run is going (else "none running" below would be true before it started), then it
        // ends by its wall time although nobody reads its output.
        await().alias("the run is going").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(StreamingApiTests.this::running, n -> n == 1);
        await().alias("no run still going for a client that never reads").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200)).until(StreamingApiTests.this::running, n -> n == 0);
        silent.socket.abort();
        // The server goes on serving others.
        Client other = new Client();
        other.send(Map.of("type", "start", "language", "bash", "code", "echo fine"));
        assertThat(other.next("result").body().get("stdout").asString()).isEqualTo("fine\n");
    }

    /** Runs the server counts as going. */
    private int running() {
        return api.get("/api/status").json().get("queue").get("running").asInt();
    }

    @Test
    void htmlIsAnsweredWithAPreview() throws Exception {
        Client client = new Client();
        client.send(Map.of("type", "start", "language", "html", "code", "<h1>hi</h1>"));
        client.next("started");
        assertThat(client.next("preview").body().get("content").asString()).isEqualTo("<h1>hi</h1>");
        assertThat(client.next("result").body().get("status").asString()).isEqualTo("OK");
    }
}
