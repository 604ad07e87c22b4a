package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Many streaming runs at once: 200 WebSocket clients each run a program that prints for two
 * seconds, and every one gets its whole output, in order, both streamed and in its result. Two
 * hundred sandboxes starting at once on a small machine take seconds to start, so each run asks for
 * the anonymous ceiling of 30 s rather than the default 10 s: what is checked is that no output is
 * lost, not how fast the burst starts (bench/ measures that).
 */
@TestPropertySource(properties = {"coderunner.sandbox.slots=200", "coderunner.sandbox.queue-length=64",
        "coderunner.anonymous.slots=200"})
@DatabaseAgnostic
class ConcurrentStreamingTests extends ServerTest {

    private static final int CLIENTS = 200;
    private static final String PROGRAM = """
            import sys, time
            for i in range(20):
                print(f'{sys.argv[1]} line {i}', flush=True)
                time.sleep(0.1)
            """;

    @Test
    void twoHundredStreamingRunsAllCompleteWithTheirWholeOutput() throws Exception {
        List<ExecuteSocketClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ExecuteSocketClient client = new ExecuteSocketClient(port, true, Map.of());
            client.send(Map.of("type", "start", "language", "python", "code", PROGRAM, "args", List.of("run" + i),
                    "limits", Map.of("wall_time_ms", 30_000)));
            clients.add(client);
        }
        for (int i = 0; i < CLIENTS; i++) {
            String name = "run" + i;
            String expected = IntStream.range(0, 20).mapToObj(n -> name + " line " + n + "\n").collect(Collectors.joining());
            List<ExecuteSocketClient.Message> messages = clients.get(i).untilResult();
            var result = messages.getLast().body();
            assertThat(result.get("status").asString()).as("run %d: %s", i, result).isEqualTo("OK");
            assertThat(result.get("stdout").asString()).as("run %d", i).isEqualTo(expected);
            String streamed = messages.stream().filter(m -> m.body().get("type").asString().equals("stdout"))
                    .map(m -> m.body().get("data").asString()).collect(Collectors.joining());
            assertThat(streamed).as("run %d streamed", i).isEqualTo(expected);
            clients.get(i).socket.sendClose(1000, "done");
        }
    }
}
