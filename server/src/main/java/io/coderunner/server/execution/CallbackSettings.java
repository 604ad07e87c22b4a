package io.coderunner.server.execution;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the server may call back when an asynchronous run ends ({@code coderunner.callbacks.*},
 * CODERUNNER_CALLBACK_ALLOWED_URLS). A callback is a request the server sends on a caller's
 * behalf, so only URLs the administrator lists are allowed: none by default.
 *
 * @param allowedUrls URL prefixes: a callback URL must have the same scheme, host and port and
 *                    a path under the prefix's path
 * @param attempts    how many times a failed delivery (no answer, or 5xx) is tried
 * @param timeoutMs   how long one delivery may take
 */
@ConfigurationProperties("coderunner.callbacks")
record CallbackSettings(List<String> allowedUrls, Integer attempts, Integer timeoutMs) {

    CallbackSettings {
        allowedUrls = allowedUrls == null ? List.of()
                : allowedUrls.stream().map(String::strip).filter(url -> !url.isEmpty()).toList();
        attempts = attempts == null ? 3 : attempts;
        timeoutMs = timeoutMs == null ? 10_000 : timeoutMs;
        if (attempts < 1) {
            throw new IllegalArgumentException("coderunner.callbacks.attempts must be at least 1, was " + attempts);
        }
        for (String url : allowedUrls) {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("coderunner.callbacks.allowed-urls: '" + url + "' is not an http(s) URL");
            }
        }
    }
}
