package io.coderunner.server.terminals;

import io.coderunner.server.execution.Outbox;
import io.coderunner.server.execution.StreamDecoder;
import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SocketSignIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WS /ccresearch/terminal/{id}: the session's terminal for its owner. The client authenticates (its
 * handshake's credential, or a first {@code auth} message with a JWT or an API key, as on
 * /ws/execute), then sends {@code input} (keys) and {@code resize}; the server sends {@code output}
 * as the terminal writes it, first replaying the kept log so that a client that reconnects sees
 * the screen. Output is decoded as UTF-8 per connection without splitting a character between
 * two messages. A client that does not read costs the server at most {@link #BUFFER_LIMIT} bytes
 * ({@link Outbox}); the terminal's log keeps everything for the next replay. Closing the
 * connection leaves the session running (disconnected) until its idle timeout.
 */
class TerminalSocketHandler extends TextWebSocketHandler {

    static final int BUFFER_LIMIT = 1024 * 1024;
    private static final String VIEWER = "viewer";
    private static final String OUT = "out";

    private final TerminalSessions sessions;
    private final SocketSignIn signIn;
    private final JsonMapper json;

    TerminalSocketHandler(TerminalSessions sessions, SocketSignIn signIn, JsonMapper json) {
        this.sessions = sessions;
        this.signIn = signIn;
        this.json = json;
    }

    /** One connection watching one session. */
    private final class Connection implements LiveSession.Viewer {
        final WebSocketSession socket;
        final LiveSession session;
        final StreamDecoder decoder = new StreamDecoder();

        Connection(WebSocketSession socket, LiveSession session) {
            this.socket = socket;
            this.session = session;
        }

        @Override
        public void output(byte[] chunk) {
            String text = decoder.decode(chunk);
            if (!text.isEmpty()) {
                outbox(socket).offerOutput(message("output", "data", text), chunk.length);
            }
        }

        @Override
        public void ended(String why) {
            outbox(socket).send(message("exit", "reason", why));
            outbox(socket).closeAfterSending(new CloseStatus(1000, "terminal session ended: " + why));
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) throws IOException {
        socket.getAttributes().put(OUT, new Outbox(socket, BUFFER_LIMIT));
        // A handshake with a credential (Authorization header, or this site's session cookie) is signed in already.
        SocketSignIn.SignedIn signedIn = signIn.fromHandshake(socket);
        if (signedIn != null) {
            attach(socket, signedIn);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(message.getPayload());
        } catch (RuntimeException e) {
            error(socket, "malformed message: expected a JSON object with a \"type\"");
            return;
        }
        String type = body.path("type").asString("");
        Connection connection = (Connection) socket.getAttributes().get(VIEWER);
        if (type.equals("auth")) {
            if (connection != null) {
                error(socket, "already authenticated");
                return;
            }
            SocketSignIn.SignedIn signedIn;
            try {
                signedIn = signIn.withToken(body.path("token").asString(""));
            } catch (InvalidCredentialsException e) {
                SocketSignIn.close(socket, e.getMessage());
                return;
            }
            attach(socket, signedIn);
            return;
        }
        if (connection == null) {
            SocketSignIn.close(socket, "authenticate first: {\"type\":\"auth\",\"token\":...}");
            return;
        }
        switch (type) {
            case "input" -> sessions.input(connection.session, body.path("data").asString("").getBytes(StandardCharsets.UTF_8));
            case "resize" -> resize(socket, connection, body);
            case "ping" -> outbox(socket).send(message("pong", "session_id", connection.session.id));
            default -> error(socket, "unknown message type '" + type + "': expected input, resize or ping");
        }
    }

    private void resize(WebSocketSession socket, Connection connection, JsonNode body) {
        JsonNode cols = body.get("cols");
        JsonNode rows = body.get("rows");
        if (cols == null || rows == null || !cols.canConvertToInt() || !rows.canConvertToInt()) {
            error(socket, "resize needs whole numbers cols and rows");
            return;
        }
        try {
            sessions.resize(sessions.current(sessions.ownedBy(connection.session)), cols.asInt(), rows.asInt());
        } catch (RuntimeException e) {
            error(socket, e.getMessage());
        }
    }

    private void attach(WebSocketSession socket, SocketSignIn.SignedIn signedIn) throws IOException {
        Caller caller = signedIn.caller();
        if (caller.viaApiKey()) {
            // Terminal sessions are opened and managed only by a signed-in user, never by a key.
            SocketSignIn.close(socket, "API keys cannot open terminal sessions: sign in as the user");
            return;
        }
        String id = sessionId(socket);
        Optional<SessionStore.Session> session = sessions.find(id).filter(s -> s.userId() == caller.userId());
        if (session.isEmpty()) {
            socket.close(new CloseStatus(4404, "terminal session not found"));
            return;
        }
        Optional<LiveSession> running = sessions.live(id);
        if (running.isEmpty() || running.get().hasEnded()) {
            socket.close(new CloseStatus(4410, reason("terminal session has ended (" + session.get().status() + ")")));
            return;
        }
        Connection connection = new Connection(socket, running.get());
        socket.getAttributes().put(VIEWER, connection);
        // The connection lasts no longer than its credential; the session itself goes on.
        signIn.closeWhenExpired(socket, signedIn);
        Map<String, Object> connected = new LinkedHashMap<>();
        connected.put("type", "connected");
        connected.put("session_id", id);
        connected.put("cols", session.get().cols());
        connected.put("rows", session.get().rows());
        outbox(socket).send(json.writeValueAsString(connected));
        byte[] replay = sessions.attach(running.get(), connection);
        String text = connection.decoder.decode(replay);
        if (!text.isEmpty()) {
            outbox(socket).send(message("output", "data", text));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        signIn.forget(socket);
        if (socket.getAttributes().get(VIEWER) instanceof Connection connection) {
            sessions.detach(connection.session, connection);
        }
        outbox(socket).close();
    }

    /** The session id is the last part of the path: /ccresearch/terminal/{id}. */
    private static String sessionId(WebSocketSession socket) {
        String path = socket.getUri() == null ? "" : socket.getUri().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String message(String type, String key, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put(key, value);
        return json.writeValueAsString(body);
    }

    private void error(WebSocketSession socket, String detail) {
        outbox(socket).send(message("error", "detail", detail == null ? "refused" : detail));
    }

    private static Outbox outbox(WebSocketSession socket) {
        return (Outbox) socket.getAttributes().get(OUT);
    }

    /** A close reason must fit in 123 bytes. */
    private static String reason(String message) {
        return message.length() <= 120 ? message : message.substring(0, 117) + "...";
    }
}
