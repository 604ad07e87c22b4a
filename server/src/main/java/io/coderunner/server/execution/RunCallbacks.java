package io.coderunner.server.execution;

import io.coderunner.server.http.BadRequestException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a caller's URL with the result when an asynchronous run ends (POST, the same JSON as
 * GET /api/executions/{id}). Only URLs under the administrator's allowed prefixes are taken;
 * redirects are not followed, so an allowed URL cannot lead the server elsewhere. A delivery
 * that gets no answer or a 5xx is tried again with growing pauses; after the last attempt the
 * result stays available at GET /api/executions/{id}.
 */
@Component
class RunCallbacks {

    private static final Logger log = LoggerFactory.getLogger(RunCallbacks.class);

    private final CallbackSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    RunCallbacks(CallbackSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(settings.timeoutMs()))
                .build();
    }

    /** The callback URL of a request, checked against the allowed prefixes; 400 naming why not. */
    URI check(String url) {
        if (settings.allowedUrls().isEmpty()) {
            throw new BadRequestException("callback_url is not enabled on this server: its administrator allows callback "
                    + "URLs with CODERUNNER_CALLBACK_ALLOWED_URLS");
        }
        URI uri = canonical(url);
        if (uri.getRawUserInfo() != null) {
            throw new BadRequestException("callback_url must not carry a user name or password");
        }
        for (String allowed : settings.allowedUrls()) {
            if (under(uri, URI.create(allowed).normalize())) {
                return uri;
            }
        }
        throw new BadRequestException("callback_url " + url + " is not allowed on this server: it must start with one of "
                + settings.allowedUrls());
    }

    /**
     * The URL as a receiving server would read it: percent-encoded unreserved characters decoded
     * (so {@code %2e%2e} is the {@code ..} it means), dot segments removed. What cannot be made
     * unambiguous — an encoded slash or backslash, a NUL, a backslash, dot segments left over — is
     * refused, so that no prefix check compares one path while the request goes to another.
     */
    static URI canonical(String url) {
        if (url == null || url.isBlank()) {
            throw new BadRequestException("callback_url is empty");
        }
        URI parsed;
        try {
            parsed = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new BadRequestException("callback_url is not a URL: " + e.getReason());
        }
        String rawPath = Objects.requireNonNullElse(parsed.getRawPath(), "");
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || rawPath.contains("\\")) {
            throw new BadRequestException("callback_url has an encoded slash, backslash or NUL in its path");
        }
        String path = decodeUnreserved(rawPath);
        try {
            if (parsed.getScheme() == null || parsed.getRawAuthority() == null) {
                throw new BadRequestException("callback_url must be an absolute http(s) URL");
            }
            URI uri = new URI(parsed.getScheme() + "://" + parsed.getRawAuthority() + path).normalize();
            String normalized = Objects.requireNonNullElse(uri.getRawPath(), "");
            if (normalized.equals("..") || normalized.startsWith("../") || normalized.contains("/../") || normalized.endsWith("/..")
                    || normalized.contains("/./")) {
                throw new BadRequestException("callback_url has a path that climbs above its root");
            }
            String rest = (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery())
                    + (parsed.getRawFragment() == null ? "" : "#" + parsed.getRawFragment());
            return new URI(uri.toString() + rest);
        } catch (java.net.URISyntaxException e) {
            throw new BadRequestException("callback_url is not a URL: " + e.getReason());
        }
    }

    /** Decodes %XX where XX is an unreserved character (RFC 3986, 2.3); other escapes stay as they are. */
    private static String decodeUnreserved(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && raw.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}")) {
                char decoded = (char) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                boolean unreserved = (decoded >= 'a' && decoded <= 'z') || (decoded >= 'A' && decoded <= 'Z')
                        || (decoded >= '0' && decoded <= '9') || "-._~".indexOf(decoded) >= 0;
                if (unreserved) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Same scheme, host and port, and a path at or below the prefix's (a path segment boundary, not any text). */
    private static boolean under(URI url, URI prefix) {
        if (url.getScheme() == null || url.getHost() == null) {
            return false;
        }
        String path = Objects.requireNonNullElse(url.getRawPath(), "");
        String base = Objects.requireNonNullElse(prefix.getRawPath(), "");
        boolean pathUnder = base.isEmpty() || base.equals("/") || path.equals(base)
                || path.startsWith(base.endsWith("/") ? base : base + "/");
        return url.getScheme().toLowerCase(Locale.ROOT).equals(prefix.getScheme().toLowerCase(Locale.ROOT))
                && url.getHost().equalsIgnoreCase(prefix.getHost())
                && port(url) == port(prefix)
                && !path.contains("/../")
                && pathUnder;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Sends the result to the URL, on a thread of its own, trying again on failure. */
    void deliver(URI url, ExecuteResponse result) {
        byte[] body = json.writeValueAsBytes(result);
        Thread.ofVirtual().name("callback-" + result.id()).start(() -> {
            for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
                String outcome = send(url, body);
                if (outcome == null) {
                    return;
                }
                log.info("callback for run {} to {} failed (attempt {} of {}): {}", result.id(), url, attempt,
                        settings.attempts(), outcome);
                if (attempt < settings.attempts()) {
                    try {
                        Thread.sleep(Duration.ofSeconds(1L << (2 * (attempt - 1)))); // 1 s, 4 s, 16 s, ...
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    /** Null when the callback was taken (any answer but 5xx), else what went wrong. */
    private String send(URI url, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofMillis(settings.timeoutMs()))
                .header("Content-Type", "application/json")
                .header("User-Agent", "CodeRunner-callback")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 500 ? "answered " + status : null;
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
