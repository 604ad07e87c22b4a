package io.coderunner.server.execution;

import io.coderunner.server.system.BadRequestException;
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
        URI uri;
        try {
            uri = new URI(url).normalize();
        } catch (java.net.URISyntaxException e) {
            throw new BadRequestException("callback_url is not a URL: " + e.getReason());
        }
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
