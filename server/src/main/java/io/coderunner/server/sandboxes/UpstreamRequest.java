package io.coderunner.server.sandboxes;

import io.coderunner.server.security.SessionCookies;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The head of the request sent to the server in the sandbox: the client's, less what is
 * CodeRunner's (its cookies, its credentials, the preview token) and less the hop-by-hop headers,
 * which belong to the client's connection and not to the tunnel.
 */
final class UpstreamRequest {

    /** Hop-by-hop headers (RFC 9110, 7.6.1), and those this proxy sets itself. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-connection", "host", "content-length", "expect");
    private static final Set<String> OWN_COOKIES = Set.of(SessionCookies.ACCESS, SessionCookies.REFRESH, SessionCookies.CSRF,
            PreviewAccess.COOKIE);

    private UpstreamRequest() {
    }

    /**
     * @param webSocket      whether the request upgrades to a WebSocket (sent as HTTP/1.1 with its Upgrade headers);
     *                       otherwise it is sent as HTTP/1.0, so the server answers without chunks and closes at the end
     * @param contentLength  the body's length, or -1 for none
     * @param ownCredentials whether the request's Authorization / X-API-Key signed in to CodeRunner (they are not passed on)
     */
    static byte[] head(HttpServletRequest request, PreviewTarget target, boolean webSocket, long contentLength, boolean ownCredentials) {
        StringBuilder head = new StringBuilder(512);
        String query = PreviewQuery.withoutToken(request.getQueryString());
        head.append(request.getMethod()).append(' ').append(target.upstreamPath()).append(query == null ? "" : "?" + query)
                .append(webSocket ? " HTTP/1.1\r\n" : " HTTP/1.0\r\n");
        head.append("Host: localhost:").append(target.port()).append("\r\n");
        Set<String> named = namedInConnection(request);
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || named.contains(lower) || lower.equals(PreviewAccess.DAYTONA_HEADER.toLowerCase(Locale.ROOT))
                    || lower.startsWith("x-forwarded-") || lower.equals("forwarded")
                    || (ownCredentials && (lower.equals("authorization") || lower.equals("x-api-key")))) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                if (lower.equals("cookie")) {
                    value = withoutOwnCookies(value);
                    if (value.isEmpty()) {
                        continue;
                    }
                }
                head.append(name).append(": ").append(value).append("\r\n");
            }
        }
        if (webSocket) {
            head.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
        } else {
            head.append("Connection: close\r\n");
        }
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        String host = request.getHeader("Host");
        if (host != null) {
            head.append("X-Forwarded-Host: ").append(host).append("\r\n");
        }
        head.append("X-Forwarded-Proto: ").append(request.isSecure() ? "https" : "http").append("\r\n");
        if (!target.hostBased()) {
            head.append("X-Forwarded-Prefix: ").append(target.base(), 0, target.base().length() - 1).append("\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static Set<String> namedInConnection(HttpServletRequest request) {
        return Collections.list(request.getHeaders("Connection")).stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(token -> token.strip().toLowerCase(Locale.ROOT)).filter(token -> !token.isEmpty())
                .collect(Collectors.toSet());
    }

    private static String withoutOwnCookies(String header) {
        return List.of(header.split(";")).stream().map(String::strip).filter(pair -> !pair.isEmpty())
                .filter(pair -> !OWN_COOKIES.contains(pair.contains("=") ? pair.substring(0, pair.indexOf('=')).strip() : pair))
                .collect(Collectors.joining("; "));
    }
}
