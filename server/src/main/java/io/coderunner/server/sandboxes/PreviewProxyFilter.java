package io.coderunner.server.sandboxes;

import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The preview proxy: {@code /sandbox-preview/<id>/<port>/...} (and {@code <port>-<id>.<preview domain>})
 * reach a server on that port inside the sandbox, over a tunnel through its agent (its network
 * namespace stays its own). It runs after the security chain, which has read the caller's
 * credentials, and decides itself who may pass ({@link PreviewAccess}); a refusal is a plain
 * message of this server's, never a proxied answer.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class PreviewProxyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PreviewProxyFilter.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long an HTTP answer may pause; a WebSocket may stay quiet far longer. */
    private static final Duration HTTP_IDLE = Duration.ofMinutes(5);
    private static final Duration SOCKET_IDLE = Duration.ofHours(2);

    private final PreviewAccess access;
    private final SandboxService sandboxes;
    private final PreviewConnections connections;
    private final PreviewSettings settings;

    PreviewProxyFilter(PreviewAccess access, SandboxService sandboxes, PreviewConnections connections, PreviewSettings settings) {
        this.access = access;
        this.sandboxes = sandboxes;
        this.connections = connections;
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PreviewTarget.isPreview(request, settings.previewDomain());
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PreviewTarget target = PreviewTarget.of(request, settings.previewDomain());
        if (target == null) {
            plain(response, 404, "not a preview: expected /sandbox-preview/<sandbox id>/<port 1-65535>/...");
            return;
        }
        PreviewAccess.Decision decision = access.decide(request, target);
        if (!decision.granted()) {
            if (decision.outcome() == PreviewAccess.Outcome.UNAUTHENTICATED) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            plain(response, decision.outcome() == PreviewAccess.Outcome.UNAUTHENTICATED ? 401 : 403, decision.message());
            return;
        }
        boolean webSocket = isWebSocket(request);
        if (decision.outcome() == PreviewAccess.Outcome.GRANTED_BY_QUERY && !webSocket
                && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            keepTokenAndRedirect(request, response, target);
            return;
        }
        if (target.missingSlash(request)) {
            response.setStatus(308);
            response.setHeader("Location", target.base() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            return;
        }
        LiveSandbox sandbox;
        try {
            sandbox = sandboxes.liveById(target.sandboxId());
        } catch (NotFoundException e) {
            plain(response, 404, e.getMessage());
            return;
        } catch (ConflictException e) {
            plain(response, 409, e.getMessage() + " (start the sandbox to reach port " + target.port() + ")");
            return;
        }
        AutoCloseable place = connections.acquire(target.sandboxId());
        if (place == null) {
            plain(response, 503, "the sandbox has " + connections.most() + " preview connections open already, the most it may have");
            return;
        }
        AutoCloseable activity = sandboxes.connectionOpened(target.sandboxId());
        AutoCloseable release = () -> {
            try (place; activity) {
                // both are released, in reverse order
            }
        };
        boolean handedOver = false;
        TunnelStream tunnel = null;
        try {
            tunnel = TunnelStream.open(sandbox, target.port(), CONNECT_TIMEOUT, webSocket ? SOCKET_IDLE : HTTP_IDLE);
            boolean own = PreviewAccess.caller() != null;
            if (webSocket) {
                handedOver = upgrade(request, response, target, tunnel, own, release);
            } else {
                HttpPreviewProxy.forward(request, response, target, tunnel, own);
            }
        } catch (TunnelStream.PortClosedException e) {
            plain(response, 502, e.getMessage());
        } catch (HttpPreviewProxy.BadGatewayException e) {
            plain(response, 502, e.getMessage());
        } catch (IOException e) {
            log.debug("A proxied preview request ended early: {}", e.getMessage());
            if (!response.isCommitted()) {
                plain(response, 502, "the connection to port " + target.port() + " inside the sandbox failed: " + e.getMessage());
            }
        } finally {
            if (!handedOver) {
                if (tunnel != null) {
                    tunnel.close();
                }
                try {
                    release.close();
                } catch (Exception e) {
                    log.debug("Releasing a preview connection: {}", e.getMessage());
                }
            }
        }
    }

    /** Sends the upgrade on, and switches protocols when the server in the sandbox does; true once the bridge owns the tunnel. */
    private boolean upgrade(HttpServletRequest request, HttpServletResponse response, PreviewTarget target, TunnelStream tunnel,
                            boolean own, AutoCloseable release) throws IOException, ServletException {
        tunnel.out.write(UpstreamRequest.head(request, target, true, -1, own));
        InputStream down = new BufferedInputStream(tunnel.in, 16 * 1024);
        UpstreamHead head;
        try {
            head = UpstreamHead.read(down);
        } catch (IOException e) {
            throw new HttpPreviewProxy.BadGatewayException("the server on port " + target.port()
                    + " inside the sandbox did not answer the WebSocket handshake in HTTP: " + e.getMessage());
        }
        if (head.status() != 101) {
            plain(response, 502, "the server on port " + target.port() + " inside the sandbox refused the WebSocket with status "
                    + head.status());
            return false;
        }
        for (UpstreamHead.Header header : head.headers()) {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (lower.startsWith("sec-websocket-")) {
                response.addHeader(header.name(), header.value());
            }
        }
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setStatus(101);
        WebSocketPreviewBridge bridge = request.upgrade(WebSocketPreviewBridge.class);
        bridge.attach(tunnel, down, release);
        return true;
    }

    /**
     * Keeps the token: in a cookie of the preview's own path for a host of its own, and for a
     * path-based preview in the path ({@code ~<token>}), where every relative link keeps it; and
     * sends the browser to the URL without it in the query.
     */
    private static void keepTokenAndRedirect(HttpServletRequest request, HttpServletResponse response, PreviewTarget target) {
        String token = PreviewQuery.token(request.getQueryString());
        response.addHeader("Set-Cookie", ResponseCookie.from(PreviewAccess.COOKIE, token).path(target.base()).httpOnly(true)
                .secure(request.isSecure()).sameSite("Lax").build().toString());
        String query = PreviewQuery.withoutToken(request.getQueryString());
        String path = target.missingSlash(request) ? target.base() : request.getRequestURI();
        if (!target.hostBased()) {
            path = target.base() + "~" + token + target.upstreamPath();
        }
        response.setStatus(303);
        response.setHeader("Location", path + (query == null ? "" : "?" + query));
        response.setHeader("Cache-Control", "no-store");
    }

    static boolean isWebSocket(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket") && "GET".equals(request.getMethod())
                && UpstreamRequest.namedInConnection(request).contains("upgrade");
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
