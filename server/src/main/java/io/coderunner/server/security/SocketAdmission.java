package io.coderunner.server.security;

import io.coderunner.server.system.ClientAddress;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * What a client that has not signed in can hold of the server through WebSockets. Each connection
 * counts against its address ({@link SocketSettings#perAddress()}), and one that neither signs in
 * nor (where anonymous use is allowed) starts its work within {@link SocketSettings#signInDeadline()}
 * is closed with {@link #SIGN_IN_TIMEOUT}: otherwise idle upgrades would fill the container's
 * connection limit and the server would stop answering everyone.
 */
@Component
public class SocketAdmission {

    /** The close code of a connection that did not sign in in time. */
    public static final int SIGN_IN_TIMEOUT = 4408;
    /** The close code of a connection over its address's limit. */
    public static final int TOO_MANY = 4429;
    private static final String ADDRESS = SocketAdmission.class.getName() + ".address";
    private static final String COUNTED = SocketAdmission.class.getName() + ".counted";
    private static final String DEADLINE = SocketAdmission.class.getName() + ".deadline";

    private final SocketSettings settings;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("socket-deadline").daemon().factory());

    SocketAdmission(SocketSettings settings) {
        this.settings = settings;
    }

    /** For a socket endpoint's registration: refuses the handshake with 429 when the address is at its limit. */
    public HandshakeInterceptor handshakeLimit() {
        return new HandshakeInterceptor() {
            @Override
            public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                           Map<String, Object> attributes) {
                String address = addressOf(request);
                attributes.put(ADDRESS, address);
                AtomicInteger count = open.get(address);
                if (count != null && count.get() >= settings.perAddress()) {
                    response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
                    return false;
                }
                return true;
            }

            @Override
            public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Exception exception) {
            }
        };
    }

    /** A socket endpoint's handler, counted per address and with the sign-in deadline. */
    public WebSocketHandler guard(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                // The handshake check lets a burst through together; the count taken here is exact.
                if (!take(session)) {
                    close(session, new CloseStatus(TOO_MANY, "too many connections from this address: at most "
                            + settings.perAddress() + " at once"));
                    return;
                }
                startDeadline(session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                admitted(session);
                if (session.getAttributes().remove(COUNTED) instanceof String address) {
                    open.computeIfPresent(address, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
                    super.afterConnectionClosed(session, status);
                }
            }
        };
    }

    /** The connection signed in (or started work anonymous callers may do): its deadline no longer applies. */
    public void admitted(WebSocketSession session) {
        if (session.getAttributes().remove(DEADLINE) instanceof ScheduledFuture<?> task) {
            task.cancel(false);
        }
    }

    /** The client address a connection came from, as its handshake saw it. */
    public static String addressOf(WebSocketSession session) {
        if (session.getAttributes().get(ADDRESS) instanceof String address) {
            return address;
        }
        return session.getRemoteAddress() == null ? "unknown" : session.getRemoteAddress().getAddress().getHostAddress();
    }

    private boolean take(WebSocketSession session) {
        String address = session.getAttributes().get(ADDRESS) instanceof String a ? a : "unknown";
        boolean[] taken = {false};
        open.compute(address, (key, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < settings.perAddress()) {
                c.incrementAndGet();
                taken[0] = true;
            }
            return c.get() == 0 ? null : c;
        });
        if (taken[0]) {
            session.getAttributes().put(COUNTED, address);
        }
        return taken[0];
    }

    private void startDeadline(WebSocketSession session) {
        long millis = settings.signInDeadline().toMillis();
        ScheduledFuture<?> task = deadlines.schedule(() -> close(session, new CloseStatus(SIGN_IN_TIMEOUT,
                "not signed in within " + millis + " ms: send {\"type\":\"auth\",\"token\":...} first")), millis, TimeUnit.MILLISECONDS);
        session.getAttributes().put(DEADLINE, task);
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(status);
        } catch (IOException ignored) {
            // The connection is gone already.
        }
    }

    private static String addressOf(ServerHttpRequest request) {
        // The container's remote address: X-Forwarded-For counts only when a trusted proxy is configured (ClientAddress).
        if (request instanceof ServletServerHttpRequest servlet) {
            return servlet.getServletRequest().getRemoteAddr();
        }
        return request.getRemoteAddress() == null ? "unknown" : request.getRemoteAddress().getAddress().getHostAddress();
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }
}
