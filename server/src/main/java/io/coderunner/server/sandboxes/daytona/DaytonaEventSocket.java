package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.sandboxes.SandboxStateChanged;
import io.coderunner.server.security.SocketSignIn;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Daytona SDK's event channel: socket.io over a raw WebSocket, written by hand. The SDK opens
 * it as soon as a client is made and, when it cannot connect, keeps reconnecting on timers that
 * hold a Node program open after its work is done; with the channel up it unrefs the socket and
 * the program exits. What the SDK uses of socket.io is a handful of text frames — engine.io's
 * open {@code 0{…}}, ping {@code 2} and pong {@code 3}; socket.io's connect {@code 40{…}}, connect
 * error {@code 44{…}}, disconnect {@code 41} and event {@code 42[…]} — so a socket.io server
 * library (and its HTTP long-polling transport, its rooms, its adapters) would be far more than
 * is needed, and none exists for Spring's WebSocket support anyway.
 *
 * <p>The upgrade carries no credential: the API key comes in the connect packet
 * ({@code 40{"token":"sk-…"}}), is checked like a Bearer key, and must have the {@code sandboxes}
 * scope. Then every change of state of the key owner's sandboxes is pushed as
 * {@code 42["sandbox.state.updated",{sandbox,oldState,newState}]} (a new one as
 * {@code 42["sandbox.created",sandbox]}).
 */
class DaytonaEventSocket extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(DaytonaEventSocket.class);
    static final long PING_INTERVAL_MS = 25_000;
    static final long PING_TIMEOUT_MS = 20_000;
    static final int MAX_PAYLOAD = 1_000_000;
    /** Where the handshake put the toolbox URL the sandboxes pushed to this connection point to. */
    static final String TOOLBOX_URL = DaytonaEventSocket.class.getName() + ".toolbox";
    private static final String CONNECTION = DaytonaEventSocket.class.getName() + ".connection";

    private final SocketSignIn signIn;
    private final JsonMapper json;
    private final Clock clock;
    /** The signed-in connections of each owner, to which that owner's sandboxes' changes go. */
    private final Map<Long, Set<Connection>> byOwner = new ConcurrentHashMap<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    DaytonaEventSocket(SocketSignIn signIn, JsonMapper json, Clock clock) {
        this.signIn = signIn;
        this.json = json;
        this.clock = clock;
    }

    /** One client's connection: frames go out in order on a thread of its own, so no publisher ever waits for a client. */
    final class Connection {
        final WebSocketSession session;
        final String toolboxUrl;
        final ExecutorService outbox = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("daytona-events").factory());
        volatile Long ownerId;
        volatile long lastHeard;

        Connection(WebSocketSession session, String toolboxUrl) {
            this.session = session;
            this.toolboxUrl = toolboxUrl;
            this.lastHeard = clock.millis();
        }

        void send(String frame) {
            try {
                outbox.execute(() -> {
                    try {
                        if (session.isOpen()) {
                            session.sendMessage(new TextMessage(frame));
                        }
                    } catch (IOException | IllegalStateException e) {
                        close(CloseStatus.SESSION_NOT_RELIABLE);
                    }
                });
            } catch (RejectedExecutionException closed) {
                // The connection closed meanwhile: nothing to send to.
            }
        }

        void close(CloseStatus status) {
            if (session.isOpen()) {
                try {
                    session.close(status);
                } catch (IOException ignored) {
                    // The connection is gone already.
                }
            }
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String toolbox = session.getAttributes().get(TOOLBOX_URL) instanceof String url ? url : null;
        Connection connection = new Connection(session, toolbox);
        session.getAttributes().put(CONNECTION, connection);
        open.add(connection);
        Map<String, Object> handshake = new LinkedHashMap<>();
        handshake.put("sid", UUID.randomUUID().toString());
        handshake.put("upgrades", List.of());
        handshake.put("pingInterval", PING_INTERVAL_MS);
        handshake.put("pingTimeout", PING_TIMEOUT_MS);
        handshake.put("maxPayload", MAX_PAYLOAD);
        connection.send("0" + json.writeValueAsString(handshake));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        if (!(session.getAttributes().get(CONNECTION) instanceof Connection connection)) {
            return;
        }
        connection.lastHeard = clock.millis();
        String frame = message.getPayload();
        if (frame.equals("3")) {
            return; // the pong to our ping
        }
        if (frame.equals("2")) {
            connection.send("3");
        } else if (frame.equals("1") || frame.startsWith("41")) {
            connection.close(CloseStatus.NORMAL);
        } else if (frame.startsWith("40")) {
            connect(connection, frame.substring(2));
        }
        // Events a client emits (42…) have no meaning here: the channel only pushes.
    }

    private void connect(Connection connection, String payload) {
        if (payload.startsWith("/")) {
            int comma = payload.indexOf(',');
            String namespace = comma < 0 ? payload : payload.substring(0, comma);
            refuse(connection, namespace + ",", "Invalid namespace: only / is served");
            return;
        }
        String token = null;
        try {
            JsonNode auth = payload.isBlank() ? null : json.readTree(payload);
            token = auth != null && auth.path("token").isString() ? auth.get("token").asString() : null;
        } catch (JacksonException e) {
            refuse(connection, "", "the connect packet's auth must be a JSON object with the API key as token");
            return;
        }
        SocketSignIn.SignedIn signedIn;
        try {
            signedIn = signIn.withToken(token);
        } catch (InvalidCredentialsException e) {
            refuse(connection, "", e.getMessage());
            return;
        }
        if (signedIn.caller().viaApiKey() && !signedIn.caller().scopes().contains("sandboxes")) {
            refuse(connection, "", "this API key lacks the scope sandboxes, which the Daytona API needs");
            return;
        }
        signIn.closeWhenExpired(connection.session, signedIn);
        long owner = signedIn.caller().userId();
        connection.ownerId = owner;
        byOwner.computeIfAbsent(owner, id -> ConcurrentHashMap.newKeySet()).add(connection);
        connection.send("40" + json.writeValueAsString(Map.of("sid", UUID.randomUUID().toString())));
    }

    /** socket.io's CONNECT_ERROR, after which the client gives up on its own; the connection is closed too. */
    private void refuse(Connection connection, String namespace, String why) {
        connection.send("44" + namespace + json.writeValueAsString(Map.of("message", why)));
        connection.outbox.execute(() -> connection.close(new CloseStatus(SocketSignIn.UNAUTHORIZED, "refused")));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().remove(CONNECTION) instanceof Connection connection) {
            open.remove(connection);
            Long owner = connection.ownerId;
            if (owner != null) {
                byOwner.computeIfPresent(owner, (id, set) -> {
                    set.remove(connection);
                    return set.isEmpty() ? null : set;
                });
            }
            connection.outbox.shutdown();
        }
        signIn.forget(session);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Daytona event socket failed: {}", exception.getMessage());
    }

    /** Pushes a change of state to the owner's connections. */
    void push(SandboxStateChanged change) {
        Set<Connection> connections = byOwner.get(change.sandbox().ownerId());
        if (connections == null) {
            return;
        }
        for (Connection connection : connections) {
            DaytonaSandbox sandbox = DaytonaSandbox.of(change.sandbox(), change.to(), connection.toolboxUrl);
            List<Object> event;
            if (change.from() == null) {
                event = List.of("sandbox.created", sandbox);
            } else {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("sandbox", sandbox);
                data.put("oldState", change.from().id());
                data.put("newState", change.to().id());
                event = List.of("sandbox.state.updated", data);
            }
            connection.send("42" + json.writeValueAsString(event));
        }
    }

    /**
     * engine.io's heartbeat: the server pings, the client answers; a client silent for longer than
     * the interval and the timeout together is gone, and its connection is closed.
     */
    void heartbeat() {
        long now = clock.millis();
        for (Connection connection : open) {
            if (now - connection.lastHeard > PING_INTERVAL_MS + PING_TIMEOUT_MS) {
                connection.close(CloseStatus.SESSION_NOT_RELIABLE.withReason("no pong within the ping timeout"));
            } else {
                connection.send("2");
            }
        }
    }
}
