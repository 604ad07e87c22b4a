package io.coderunner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load from wrk (Debian package {@code wrk}): a load generator in C that costs the two shared cores
 * far less than a Java client would, so that what is measured is the server.
 */
final class Wrk {

    record Result(long requests, long failed, double perSecond, String latencyP50) {
    }

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern FAILED = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+(\\S+)");

    private Wrk() {
    }

    static void requireInstalled() {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            throw new IllegalStateException("wrk is not installed: run bench/run.sh (which installs it) or apt-get install wrk");
        }
    }

    /** Sends {@code method url} with these headers and body from {@code connections} connections for {@code length}. */
    static Result run(String method, String url, Map<String, String> headers, String body, int connections, Duration length)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("coderunner-wrk", ".lua");
        StringBuilder lua = new StringBuilder("wrk.method = \"" + method + "\"\n");
        headers.forEach((k, v) -> lua.append("wrk.headers[\"").append(k).append("\"] = \"").append(v).append("\"\n"));
        if (body != null) {
            lua.append("wrk.body = '").append(body.replace("'", "\\'")).append("'\n");
        }
        Files.writeString(script, lua, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "--latency", "-t2", "-c" + connections,
                "-d" + length.toSeconds() + "s", "-s", script.toString(), url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Files.deleteIfExists(script);
        Matcher requests = REQUESTS.matcher(out);
        Matcher rate = RATE.matcher(out);
        if (!requests.find() || !rate.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        Matcher failed = FAILED.matcher(out);
        Matcher p50 = P50.matcher(out);
        return new Result(Long.parseLong(requests.group(1)), failed.find() ? Long.parseLong(failed.group(1)) : 0,
                Double.parseDouble(rate.group(1)), p50.find() ? p50.group(1) : "?");
    }
}
