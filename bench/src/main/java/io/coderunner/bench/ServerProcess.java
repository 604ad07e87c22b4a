package io.coderunner.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/** The real server, started from its jar on a free port with a data directory of its own. */
final class ServerProcess implements AutoCloseable {

    /** The password of the administrator the benchmark's servers make at their first start. */
    static final String ADMIN_PASSWORD = "bench-Admin-2026";

    private final Process process;
    private final String baseUrl;
    private final Path dataDir;

    private ServerProcess(Process process, String baseUrl, Path dataDir) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.dataDir = dataDir;
    }

    static ServerProcess start(Path jar, Path log) throws IOException, InterruptedException {
        return start(jar, log, Map.of());
    }

    /** @param environment more settings for the server (DATABASE_URL, ...) */
    static ServerProcess start(Path jar, Path log, Map<String, String> environment) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path data = Files.createTempDirectory("coderunner-bench-server");
        // The sandbox's slot uids must be able to pass through to their work directories.
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CODERUNNER_PORT", Integer.toString(port));
        builder.environment().put("CODERUNNER_DATA_DIR", data.toString());
        builder.environment().put("CODERUNNER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // The server does not start without the key users' AI provider keys are encrypted with.
        byte[] aiKey = new byte[32];
        new java.security.SecureRandom().nextBytes(aiKey);
        builder.environment().put("CODERUNNER_AI_ENCRYPTION_KEY", java.util.Base64.getEncoder().encodeToString(aiKey));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String baseUrl = "http://127.0.0.1:" + port;
        ServerProcess server = new ServerProcess(process, baseUrl, data);
        server.awaitHealthy(log);
        return server;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The server's data directory (its database, its sandboxes' files). */
    Path dataDir() {
        return dataDir;
    }

    /** The server's process, for measuring what it and its children use. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    private void awaitHealthy(Path log) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the server did not become healthy within 90 s; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
