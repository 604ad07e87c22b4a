package io.coderunner.server.sandboxes.daytona;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code @daytonaio/sdk} (pinned in src/test/daytona/package.json and its lock), run by
 * Node.js scripts against a test server. Installs the locked packages once, the first time a test
 * needs them ({@code npm ci}: exactly the lock, nothing else downloaded).
 */
final class DaytonaSdk {

    static final Path HOME = Path.of("src/test/daytona").toAbsolutePath();
    private static boolean installed;

    private DaytonaSdk() {
    }

    record Outcome(int exitCode, String output, boolean exitedByItself) {
    }

    static synchronized void install() throws IOException, InterruptedException {
        if (installed || Files.isDirectory(HOME.resolve("node_modules/@daytonaio/sdk"))) {
            installed = true;
            return;
        }
        Outcome npm = run(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(),
                Duration.ofMinutes(5));
        if (npm.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + HOME + " failed: " + npm.output());
        }
        installed = true;
    }

    /** Runs {@code scripts/<name>.mjs} with the server's Daytona API URL and the key, within the time given. */
    static Outcome script(String name, String apiUrl, String apiKey, Duration within) throws IOException, InterruptedException {
        install();
        return run(List.of("node", "scripts/" + name + ".mjs"),
                Map.of("CODERUNNER_DAYTONA_API_URL", apiUrl, "CODERUNNER_DAYTONA_API_KEY", apiKey), within);
    }

    private static Outcome run(List<String> command, Map<String, String> env, Duration within) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        Path log = Files.createTempFile("daytona-sdk-", ".log");
        builder.redirectOutput(log.toFile());
        // The SDK reads these itself; a value from the machine running the tests must not lead it elsewhere.
        builder.environment().keySet().removeIf(key -> key.startsWith("DAYTONA_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean exited = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Outcome(exited ? process.exitValue() : -1, output, exited);
    }
}
