package io.coderunner.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Time to the first byte of output of a streaming run: from the moment the client sends the
 * {@code start} message on WS /ws/execute to the moment the first {@code stdout} message arrives,
 * for a Python program that prints at once. The bare figure, taken in the same loop, is from
 * starting {@code /usr/bin/python3} with an empty environment to reading the first byte of its
 * output.
 *
 * <p>Arguments: {@code --jar PATH}, {@code --out PATH}, {@code --iterations N} (default 300).
 */
public final class FirstByteBenchmark {

    private static final String PROGRAM = "print('first', flush=True)\n";
    private static final int WARM_UP = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FirstByteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path jar = Path.of(options.getOrDefault("jar", "server/target/coderunner.jar"));
        Path out = Path.of(options.getOrDefault("out", "bench/results/first-byte.md"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "300"));
        Files.createDirectories(out.toAbsolutePath().getParent());

        List<Long> bare = new ArrayList<>();
        List<Long> streamed = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(jar, out.resolveSibling("server-first-byte.log"))) {
            Socket socket = new Socket(URI.create(server.baseUrl().replace("http://", "ws://") + "/ws/execute"));
            for (int i = 0; i < WARM_UP + iterations; i++) {
                long b = bareFirstByte();
                long s = socket.firstByte();
                if (i >= WARM_UP) {
                    bare.add(b);
                    streamed.add(s);
                }
            }
            socket.close();
        }
        Percentiles b = Percentiles.of(bare);
        Percentiles s = Percentiles.of(streamed);
        StringBuilder report = new StringBuilder("Measured " + Instant.now() + ", " + iterations + " runs after "
                + WARM_UP + " to warm up, bare and streamed in turn.\n\n");
        MachineInfo.describe().forEach((k, v) -> report.append("- ").append(k).append(": ").append(v).append('\n'));
        report.append("\n| Python, time to first output byte | p50 ms | p95 ms | mean ms |\n| --- | ---: | ---: | ---: |\n");
        report.append(row("bare process (`env -i /usr/bin/python3`)", b));
        report.append(row("WS /ws/execute, start message to first stdout message", s));
        report.append(String.format(Locale.ROOT, "%nRatio streamed / bare: p50 %.2f, p95 %.2f; added p50 %.1f ms.%n",
                s.p50() / b.p50(), s.p95() / b.p95(), s.p50() - b.p50()));
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);
    }

    private static String row(String name, Percentiles p) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, p.p50(), p.p95(), p.mean());
    }

    /** Nanoseconds from starting the bare interpreter to its first output byte. */
    private static long bareFirstByte() {
        try {
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-c", PROGRAM).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            long started = System.nanoTime();
            Process process = builder.start();
            InputStream output = process.getInputStream();
            if (output.read() < 0) {
                throw new IllegalStateException("the bare interpreter printed nothing");
            }
            long elapsed = System.nanoTime() - started;
            output.readAllBytes();
            process.waitFor();
            return elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One connection, one run at a time. */
    private static final class Socket implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Socket(URI uri) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).join();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** Nanoseconds from sending start to the first stdout message; then waits for the result. */
        long firstByte() throws InterruptedException {
            String start = JSON.writeValueAsString(Map.of("type", "start", "language", "python", "code", PROGRAM));
            long started = System.nanoTime();
            socket.sendText(start, true).join();
            long first = -1;
            while (true) {
                JsonNode message = messages.poll(30, TimeUnit.SECONDS);
                if (message == null) {
                    throw new IllegalStateException("no answer from the server");
                }
                String type = message.path("type").asString("");
                if (type.equals("stdout") && first < 0) {
                    first = System.nanoTime() - started;
                } else if (type.equals("error")) {
                    throw new IllegalStateException("the server refused the run: " + message);
                } else if (type.equals("result")) {
                    if (first < 0 || !message.path("stdout").asString("").equals("first\n")) {
                        throw new IllegalStateException("unexpected result: " + message);
                    }
                    return first;
                }
            }
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
