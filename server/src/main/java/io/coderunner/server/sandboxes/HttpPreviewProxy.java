package io.coderunner.server.sandboxes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;

/**
 * One HTTP request proxied to a server inside a sandbox: sent as HTTP/1.0 so the answer needs no
 * framing but the end of the connection, its head copied back (bounded, less hop-by-hop headers),
 * its body streamed to the client until the server closes.
 */
final class HttpPreviewProxy {

    /** Largest body of a request sent without a length that is buffered to give it one (HTTP/1.0 needs it). */
    static final int MAX_UNSIZED_BODY = 10 * 1024 * 1024;
    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "content-length");

    private HttpPreviewProxy() {
    }

    /** Thrown when the server in the sandbox answered something that is not HTTP: nothing was sent to the client yet. */
    static final class BadGatewayException extends IOException {
        BadGatewayException(String message) {
            super(message);
        }
    }

    static void forward(HttpServletRequest request, HttpServletResponse response, PreviewTarget target, TunnelStream tunnel,
                        boolean ownCredentials) throws IOException {
        long length = request.getContentLengthLong();
        byte[] unsized = null;
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            unsized = readBounded(request.getInputStream());
            length = unsized.length;
        }
        OutputStream up = tunnel.out;
        up.write(UpstreamRequest.head(request, target, false, length, ownCredentials));
        if (unsized != null) {
            up.write(unsized);
        } else if (length > 0) {
            request.getInputStream().transferTo(up);
        }
        InputStream down = new BufferedInputStream(tunnel.in, 16 * 1024);
        UpstreamHead head;
        try {
            head = UpstreamHead.read(down);
        } catch (IOException e) {
            throw new BadGatewayException("the server on port " + target.port() + " inside the sandbox did not answer in HTTP: "
                    + e.getMessage());
        }
        response.setStatus(head.status());
        Set<String> named = head.headers().stream().filter(h -> h.name().equalsIgnoreCase("Connection"))
                .flatMap(h -> Set.of(h.value().toLowerCase(Locale.ROOT).split("\\s*,\\s*")).stream()).collect(java.util.stream.Collectors.toSet());
        for (UpstreamHead.Header header : head.headers()) {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (NOT_COPIED.contains(lower) || named.contains(lower)) {
                continue;
            }
            String value = lower.equals("location") ? relocated(header.value(), target) : header.value();
            if (lower.equals("set-cookie") && !target.hostBased()) {
                value = confined(value, target);
            }
            if (!target.hostBased() && (lower.equals("content-security-policy") || lower.equals("referrer-policy"))) {
                continue;
            }
            response.addHeader(header.name(), value);
        }
        if (!target.hostBased()) {
            // Served from this server's own origin, the page is made an opaque origin of its own:
            // its scripts run, but cannot read this site's cookies nor call its API as the viewer.
            response.setHeader("Content-Security-Policy", SANDBOXED);
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        InputStream body = head.chunked() ? new ChunkedBody(down) : down;
        String contentLength = head.header("Content-Length");
        if (contentLength != null && !head.chunked() && contentLength.matches("\\d{1,18}")) {
            response.setContentLengthLong(Long.parseLong(contentLength));
        }
        if ("HEAD".equals(request.getMethod()) || head.status() == 204 || head.status() == 304) {
            response.flushBuffer();
            return;
        }
        OutputStream out = response.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = body.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            if (down.available() == 0) {
                out.flush();
            }
        }
        out.flush();
    }

    /** The policy of a page previewed under this server's origin. */
    static final String SANDBOXED = "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads";

    /**
     * A cookie the previewed server sets applies to its preview's path only, never to this server's
     * other paths nor to another domain: its Domain and Path attributes are replaced.
     */
    static String confined(String setCookie, PreviewTarget target) {
        StringBuilder kept = new StringBuilder();
        String[] parts = setCookie.split(";");
        kept.append(parts[0].strip());
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip();
            String name = attribute.split("=", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!name.equals("domain") && !name.equals("path") && !attribute.isEmpty()) {
                kept.append("; ").append(attribute);
            }
        }
        return kept.append("; Path=").append(target.base()).toString();
    }

    /** A redirect to a path of the server's own stays inside the preview. */
    private static String relocated(String location, PreviewTarget target) {
        if (!target.hostBased() && location.startsWith("/") && !location.startsWith("//")) {
            return target.base() + location.substring(1);
        }
        return location;
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            bytes.write(buffer, 0, read);
            if (bytes.size() > MAX_UNSIZED_BODY) {
                throw new IOException("a request body sent without a length may be at most " + MAX_UNSIZED_BODY / (1024 * 1024) + " MB");
            }
        }
        return bytes.toByteArray();
    }
}
