package io.coderunner.server.environments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Python package index on an address of this host, as pip reads one (PEP 503's simple API),
 * serving wheels written here: real wheels (PEP 427: the package, and its .dist-info with
 * METADATA, WHEEL and RECORD), made in the test because no public index can be reached from the
 * build; source distributions, whose setup.py pip runs to build them; and wheels from the host
 * (Debian's setuptools and wheel), which pip's build isolation installs to build those.
 */
public final class LocalPackageIndex implements AutoCloseable {

    private final HttpServer server;
    /** Each project's files, by file name. */
    private final Map<String, Map<String, byte[]>> wheels = new ConcurrentHashMap<>();

    public LocalPackageIndex() throws IOException {
        server = HttpServer.create(new InetSocketAddress(PackageMirror.address(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where it listens, which only an install's sandbox may reach. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/simple/";
    }

    /**
     * Adds a pure-Python package whose module says its version, plus {@code extraFiles} files of
     * {@code extraBytes} bytes each, which compress well: a small download that is large on disk.
     */
    public LocalPackageIndex add(String name, String version, int extraFiles, int extraBytes) {
        wheels.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(fileName(name, version), wheel(name, version, extraFiles, extraBytes));
        return this;
    }

    /** Adds a wheel file as it is, under the project its name starts with (name-version-tags.whl). */
    public LocalPackageIndex addWheel(Path wheel) throws IOException {
        String file = wheel.getFileName().toString();
        wheels.computeIfAbsent(file.substring(0, file.indexOf('-')).toLowerCase(java.util.Locale.ROOT), n -> new LinkedHashMap<>())
                .put(file, Files.readAllBytes(wheel));
        return this;
    }

    /**
     * Adds a source distribution (name-version.tar.gz) of these files, setup.py among them, which
     * pip must build (running setup.py) to install.
     */
    public LocalPackageIndex addSource(String name, String version, Map<String, String> files)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sdist");
        String root = name + "-" + version;
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(root).resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Path archive = dir.resolve(root + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", dir.toString(), root)
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed: " + output);
        }
        wheels.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(root + ".tar.gz", Files.readAllBytes(archive));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        try (exchange) {
            if (path.startsWith("/simple/") && parts.length == 3 && wheels.containsKey(parts[2])) {
                StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
                wheels.get(parts[2]).forEach((file, bytes) -> {
                    html.append("<a href=\"/files/").append(file).append("#sha256=").append(sha256(bytes)).append("\">")
                            .append(file).append("</a>\n");
                });
                html.append("</body></html>\n");
                send(exchange, 200, "text/html", html.toString().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/files/") && parts.length == 3) {
                for (Map<String, byte[]> files : wheels.values()) {
                    if (files.containsKey(parts[2])) {
                        send(exchange, 200, "application/octet-stream", files.get(parts[2]));
                        return;
                    }
                }
                send(exchange, 404, "text/plain", "no such file".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String fileName(String name, String version) {
        return name + "-" + version + "-py3-none-any.whl";
    }

    private static byte[] wheel(String name, String version, int extraFiles, int extraBytes) {
        String info = name + "-" + version + ".dist-info/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name + "/__init__.py", ("__version__ = \"" + version + "\"\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < extraFiles; i++) {
            byte[] data = new byte[extraBytes];
            java.util.Arrays.fill(data, (byte) ('a' + i));
            files.put(name + "/data" + i + ".txt", data);
        }
        files.put(info + "METADATA", ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: coderunner-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                .getBytes(StandardCharsets.UTF_8));
        List<String> record = new ArrayList<>();
        files.forEach((file, bytes) -> record.add(file + ",sha256=" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(digest("SHA-256", bytes)) + "," + bytes.length));
        record.add(info + "RECORD,,");
        files.put(info + "RECORD", (String.join("\n", record) + "\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
