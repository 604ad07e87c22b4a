package io.coderunner.server.environments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * An npm registry on an address of this host, as npm reads one: a package document per name (its
 * versions, the latest tag, each version's tarball with its integrity, its install scripts) and
 * the tarballs, in npm pack's format (a gzipped tar of package/package.json, package/index.js and
 * any other files), made here with the system's tar.
 */
final class LocalNpmRegistry implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Map<String, byte[]>> tarballs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> scripts = new ConcurrentHashMap<>();

    LocalNpmRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(PackageMirror.address(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where it listens, which only an install's sandbox may reach. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/";
    }

    /** Adds a package whose main module exports its version. */
    LocalNpmRegistry add(String name, String version) throws IOException, InterruptedException {
        return add(name, version, Map.of(), Map.of());
    }

    /** Adds a package that also holds {@code files} and has these lifecycle {@code scripts} (postinstall, ...). */
    LocalNpmRegistry add(String name, String version, Map<String, String> files, Map<String, String> lifecycle)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("npm-package");
        Path pkg = Files.createDirectories(dir.resolve("package"));
        Files.writeString(pkg.resolve("package.json"), JSON.writeValueAsString(Map.of("name", name, "version", version,
                "main", "index.js", "scripts", lifecycle)));
        Files.writeString(pkg.resolve("index.js"), "module.exports = { version: " + JSON.writeValueAsString(version) + " };\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(pkg.resolve(file.getKey()), file.getValue());
        }
        scripts.put(name + "@" + version, lifecycle);
        Path tgz = dir.resolve("package.tgz");
        Process tar = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", dir.toString(), "package")
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed: " + output);
        }
        tarballs.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(version, Files.readAllBytes(tgz));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            String[] parts = path.substring(1).split("/");
            if (parts.length == 1 && tarballs.containsKey(parts[0])) {
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(document(parts[0])));
            } else if (parts.length == 3 && parts[1].equals("-") && tarballs.containsKey(parts[0])) {
                for (Map.Entry<String, byte[]> version : tarballs.get(parts[0]).entrySet()) {
                    if (parts[2].equals(parts[0] + "-" + version.getKey() + ".tgz")) {
                        send(exchange, 200, "application/octet-stream", version.getValue());
                        return;
                    }
                }
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private Map<String, Object> document(String name) {
        Map<String, Object> versions = new LinkedHashMap<>();
        String latest = null;
        for (Map.Entry<String, byte[]> entry : tarballs.get(name).entrySet()) {
            latest = entry.getKey();
            Map<String, String> lifecycle = scripts.getOrDefault(name + "@" + entry.getKey(), Map.of());
            versions.put(entry.getKey(), Map.of("name", name, "version", entry.getKey(), "main", "index.js",
                    "scripts", lifecycle, "hasInstallScript", !lifecycle.isEmpty(),
                    "dist", Map.of("tarball", url() + name + "/-/" + name + "-" + entry.getKey() + ".tgz",
                            "shasum", HexFormat.of().formatHex(LocalPackageIndex.digest("SHA-1", entry.getValue())),
                            "integrity", "sha512-" + Base64.getEncoder().encodeToString(
                                    LocalPackageIndex.digest("SHA-512", entry.getValue())))));
        }
        return Map.of("name", name, "dist-tags", Map.of("latest", latest), "versions", versions);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
