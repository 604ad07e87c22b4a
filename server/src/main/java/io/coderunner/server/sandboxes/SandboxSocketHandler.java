package io.coderunner.server.sandboxes;

import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.security.SocketSignIn;
import java.net.URI;
import java.util.List;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A socket into one started sandbox: signed in by its handshake (an {@code Authorization} header,
 * or this site's session cookie), by a token in the query where the subclass allows it, or by a
 * first {@code {"type":"auth","token":...}} message where it allows that; then let in by
 * {@link SandboxSocketAccess} and handed to {@link #opened}.
 */
public abstract class SandboxSocketHandler extends AbstractWebSocketHandler {

    private static final String OPENED = SandboxSocketHandler.class.getName() + ".opened";
    private static final String OUTBOX = SandboxSocketHandler.class.getName() + ".outbox";

    protected final SandboxSocketAccess access;
    protected final JsonMapper json;

    protected SandboxSocketHandler(SandboxSocketAccess access, JsonMapper json) {
        this.access = access;
        this.json = json;
    }

    /** The socket is in the sandbox; start its work (or close it with the reason). */
    protected abstract void opened(WebSocketSession socket, SandboxSocketAccess.Opened opened, SocketOutbox outbox) throws Exception;

    /** A text message after the socket was let in. */
    protected void text(WebSocketSession socket, String payload) throws Exception {
    }

    /** A binary message after the socket was let in. */
    protected void binary(WebSocketSession socket, byte[] payload) throws Exception {
    }

    /** The socket closed after it was let in. */
    protected void ended(WebSocketSession socket) {
    }

    /** The sandbox id in the socket's path. */
    protected abstract String sandboxId(WebSocketSession socket);

    /** Whether a first auth message may sign the socket in (native sockets); Daytona clients sign in by the handshake. */
    protected boolean acceptsAuthMessage() {
        return true;
    }

    /** A query parameter whose value is a credential, or null for none. */
    protected String tokenParameter() {
        return null;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) throws Exception {
        socket.getAttributes().put(OUTBOX, new SocketOutbox(socket));
        SocketSignIn.SignedIn signedIn = access.signIn().fromHandshake(socket);
        String token = tokenParameter() == null ? null : query(socket, tokenParameter());
        if (signedIn == null && token != null) {
            try {
                signedIn = access.signIn().withToken(token);
            } catch (InvalidCredentialsException e) {
                SocketSignIn.close(socket, e.getMessage());
                return;
            }
        }
        if (signedIn != null) {
            let(socket, signedIn);
        } else if (!acceptsAuthMessage()) {
            SocketSignIn.close(socket, "authenticate the handshake: Authorization: Bearer <API key>");
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) throws Exception {
        if (socket.getAttributes().containsKey(OPENED)) {
            text(socket, message.getPayload());
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(message.getPayload());
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null || !body.path("type").asString("").equals("auth")) {
            SocketSignIn.close(socket, "authenticate first: {\"type\":\"auth\",\"token\":...}");
            return;
        }
        try {
            let(socket, access.signIn().withToken(body.path("token").asString("")));
        } catch (InvalidCredentialsException e) {
            SocketSignIn.close(socket, e.getMessage());
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) throws Exception {
        if (!socket.getAttributes().containsKey(OPENED)) {
            SocketSignIn.close(socket, "authenticate first");
            return;
        }
        var buffer = message.getPayload();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        binary(socket, bytes);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        SandboxSocketAccess.Opened opened = (SandboxSocketAccess.Opened) socket.getAttributes().get(OPENED);
        if (opened != null) {
            ended(socket);
        }
        access.closed(socket, opened);
        outbox(socket).stop();
    }

    private void let(WebSocketSession socket, SocketSignIn.SignedIn signedIn) throws Exception {
        SandboxSocketAccess.Opened opened = access.open(socket, signedIn, sandboxId(socket));
        if (opened != null) {
            socket.getAttributes().put(OPENED, opened);
            opened(socket, opened, outbox(socket));
        }
    }

    protected static SocketOutbox outbox(WebSocketSession socket) {
        return (SocketOutbox) socket.getAttributes().get(OUTBOX);
    }

    /** The path's segments, decoded. */
    protected static List<String> segments(WebSocketSession socket) {
        URI uri = socket.getUri();
        String path = uri == null ? "" : uri.getRawPath();
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(s -> UriUtils.decode(s, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    /** A query parameter's decoded value, or null. */
    protected static String query(WebSocketSession socket, String name) {
        URI uri = socket.getUri();
        if (uri == null) {
            return null;
        }
        String value = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(name);
        return value == null ? null : UriUtils.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
