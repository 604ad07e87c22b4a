package io.coderunner.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * How many idle terminal sessions the server holds within 2 GiB. Opens sessions through the API
 * (POST /ccresearch/sessions), proves each one's shell answers over WS /ccresearch/terminal/{id},
 * disconnects (the session stays, disconnected, as an idle one would), and after every step
 * measures the memory of the server and of every process it started: the sum of their
 * proportional set sizes (PSS: shared pages such as bash's code are divided among the processes
 * sharing them) and, for comparison, of their resident sets (RSS, which counts shared pages once
 * per process). The server's heap is collected (jcmd GC.run) before each measurement, so the
 * figure is what the sessions hold, not garbage not yet collected.
 *
 * <p>Arguments: {@code --jar PATH}, {@code --out PATH}, {@code --sessions N} (most to open, default
 * 400), {@code --step N} (sessions per measurement, default 50).
 */
public final class TerminalBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BUDGET = 2L * 1024 * 1024 * 1024;

    private TerminalBenchmark() {
    }

    record Sample(int sessions, long pssBytes, long rssBytes, long serverPssBytes, int processes) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path jar = Path.of(options.getOrDefault("jar", "server/target/coderunner.jar"));
        Path out = Path.of(options.getOrDefault("out", "bench/results/terminals.md"));
        int most = Integer.parseInt(options.getOrDefault("sessions", "400"));
        int step = Integer.parseInt(options.getOrDefault("step", "50"));
        Files.createDirectories(out.toAbsolutePath().getParent());

        List<Sample> samples = new ArrayList<>();
        // The administrator is Enterprise; let that tier hold as many sessions as the benchmark opens.
        Map<String, String> settings = Map.of("CODERUNNER_TIERS_LEVELS_4_TERMINALSESSIONS", Integer.toString(most + 10));
        try (ServerProcess server = ServerProcess.start(jar, out.resolveSibling("server-terminals.log"), settings)) {
            HttpClient http = HttpClient.newHttpClient();
            String token = login(http, server.baseUrl());
            samples.add(measure(server.handle(), 0));
            int open = 0;
            while (open < most) {
                for (int i = 0; i < step && open < most; i++, open++) {
                    String id = createSession(http, server.baseUrl(), token, open);
                    proveAlive(server.baseUrl(), token, id, open);
                }
                Sample sample = measure(server.handle(), open);
                samples.add(sample);
                System.out.printf(Locale.ROOT, "%d sessions: %.0f MiB (PSS), %.0f MiB (RSS), %d processes%n", open,
                        mib(sample.pssBytes()), mib(sample.rssBytes()), sample.processes());
                if (sample.pssBytes() > BUDGET) {
                    break;
                }
            }
        }
        Files.writeString(out, report(samples), StandardCharsets.UTF_8);
        System.out.print(report(samples));
    }

    private static String login(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin",
                        "password", ServerProcess.ADMIN_PASSWORD)))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    private static String createSession(HttpClient http, String base, String token, int n) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/ccresearch/sessions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("title", "idle " + n)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("session " + n + " was refused: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asString();
    }

    /** Connects, has the shell compute something, and leaves: the session is idle and disconnected. */
    private static void proveAlive(String base, String token, String id, int n) throws Exception {
        String expected = "alive-" + (n + 1000);
        CompletableFuture<Void> seen = new CompletableFuture<>();
        StringBuilder screen = new StringBuilder();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(base.replace("http", "ws") + "/ccresearch/terminal/" + id), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonNode message = JSON.readTree(partial.toString());
                            partial.setLength(0);
                            screen.append(message.path("data").asString(""));
                            if (screen.toString().contains(expected)) {
                                seen.complete(null);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
        socket.sendText(JSON.writeValueAsString(Map.of("type", "auth", "token", token)), true).join();
        socket.sendText(JSON.writeValueAsString(Map.of("type", "input", "data", "echo alive-$((" + n + "+1000))\r")), true).join();
        seen.get(30, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "idle now").join();
    }

    /** Memory of the server and all its descendants, after a collection of the server's heap. */
    private static Sample measure(ProcessHandle server, int sessions) throws Exception {
        // The jcmd of the JDK the server runs on (the benchmark's own).
        String jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(server.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(500);
        long pss = 0;
        long rss = 0;
        int processes = 0;
        long serverPss = kib(server.pid(), "smaps_rollup", "Pss:");
        List<ProcessHandle> all = new ArrayList<>();
        all.add(server);
        try (Stream<ProcessHandle> descendants = server.descendants()) {
            descendants.forEach(all::add);
        }
        for (ProcessHandle process : all) {
            pss += kib(process.pid(), "smaps_rollup", "Pss:");
            rss += kib(process.pid(), "status", "VmRSS:");
            processes++;
        }
        return new Sample(sessions, pss * 1024, rss * 1024, serverPss * 1024, processes);
    }

    private static long kib(long pid, String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended while we looked.
        }
        return 0;
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static String report(List<Sample> samples) {
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        double perSession = last.sessions() == 0 ? 0 : (double) (last.pssBytes() - first.pssBytes()) / last.sessions();
        long within = perSession <= 0 ? 0 : (long) ((BUDGET - first.pssBytes()) / perSession);
        StringBuilder report = new StringBuilder("Measured " + Instant.now() + ".\n\n");
        MachineInfo.describe().forEach((k, v) -> report.append("- ").append(k).append(": ").append(v).append('\n'));
        report.append("\n| sessions | processes | PSS, server + sessions | RSS, server + sessions | PSS of the server JVM |\n"
                + "| ---: | ---: | ---: | ---: | ---: |\n");
        for (Sample s : samples) {
            report.append(String.format(Locale.ROOT, "| %d | %d | %.0f MiB | %.0f MiB | %.0f MiB |\n", s.sessions(), s.processes(),
                    mib(s.pssBytes()), mib(s.rssBytes()), mib(s.serverPssBytes())));
        }
        report.append(String.format(Locale.ROOT, "%nEach idle session adds %.2f MiB (PSS, from 0 to %d sessions); "
                + "2 GiB hold about %d idle sessions with the server.%n", mib((long) perSession), last.sessions(), within));
        return report.toString();
    }
}
