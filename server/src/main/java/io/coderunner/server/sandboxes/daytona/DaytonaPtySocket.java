package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.sandboxes.SandboxPty;
import io.coderunner.server.sandboxes.SandboxSocketAccess;
import io.coderunner.server.sandboxes.SandboxSocketHandler;
import io.coderunner.server.sandboxes.SandboxTerminals;
import io.coderunner.server.sandboxes.SocketOutbox;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Daytona PTY sockets: WS /daytona/toolbox/{id}/process/pty/create-connect?id=&cols=&rows=&cwd=
 * starts a named terminal and connects to it, WS …/process/pty/{ptyId}/connect connects to one
 * running. Output goes out as binary frames, keys come in as binary or text frames; control
 * messages are JSON text ({@code {"type":"control","status":"connected"}}, then {@code "exited"}
 * with {@code exitCode}, or {@code "error"}). The subprotocol {@code X-Daytona-Pty-Exit-Control}
 * is echoed (the SDK's client refuses a handshake without one); {@code X-Daytona-Pty-Envs~<base64url
 * JSON>} carries the terminal's variables. A terminal outlives its connections, as the daemon's does,
 * until it exits, is killed or the sandbox stops.
 */
class DaytonaPtySocket extends SandboxSocketHandler implements SubProtocolCapable {

    static final String EXIT_CONTROL = "X-Daytona-Pty-Exit-Control";
    static final String ENVS_PREFIX = "X-Daytona-Pty-Envs~";
    /** Where browsers, which cannot set headers on a socket, put the credential. */
    static final String AUTH_PARAMETER = "DAYTONA_SANDBOX_AUTH_KEY";
    private static final String VIEWING = DaytonaPtySocket.class.getName() + ".viewing";
    private static final String PTY = DaytonaPtySocket.class.getName() + ".pty";

    private final SandboxTerminals terminals;

    DaytonaPtySocket(SandboxSocketAccess access, JsonMapper json, SandboxTerminals terminals) {
        super(access, json);
        this.terminals = terminals;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(EXIT_CONTROL);
    }

    @Override
    protected String sandboxId(WebSocketSession socket) {
        return segments(socket).get(2);
    }

    @Override
    protected boolean acceptsAuthMessage() {
        return false;
    }

    @Override
    protected String tokenParameter() {
        return AUTH_PARAMETER;
    }

    @Override
    protected void opened(WebSocketSession socket, SandboxSocketAccess.Opened opened, SocketOutbox outbox) {
        List<String> path = segments(socket);
        SandboxPty pty;
        try {
            if (path.get(path.size() - 1).equals("create-connect")) {
                pty = terminals.create(opened.sandbox(), query(socket, "id"), number(socket, "cols", 80), number(socket, "rows", 24),
                        query(socket, "cwd"), envs(socket));
            } else {
                pty = terminals.get(opened.sandbox(), path.get(path.size() - 2));
            }
        } catch (BadRequestException | ConflictException | NotFoundException e) {
            refuse(socket, outbox, e);
            return;
        }
        socket.getAttributes().put(PTY, pty);
        outbox.text(control("connected", null, null));
        socket.getAttributes().put(VIEWING, pty.attach(new SandboxPty.Viewer() {
            @Override
            public void output(byte[] data) {
                outbox.binary(data);
            }

            @Override
            public void exited(Integer exitCode) {
                outbox.text(control("exited", exitCode, null));
                Map<String, Object> reason = new LinkedHashMap<>();
                reason.put("exitCode", exitCode);
                outbox.closeAfterSending(new CloseStatus(1000, json.writeValueAsString(reason)));
            }
        }));
    }

    @Override
    protected void text(WebSocketSession socket, String payload) {
        if (socket.getAttributes().get(PTY) instanceof SandboxPty pty) {
            pty.input(payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    protected void binary(WebSocketSession socket, byte[] payload) {
        if (socket.getAttributes().get(PTY) instanceof SandboxPty pty) {
            pty.input(payload);
        }
    }

    @Override
    protected void ended(WebSocketSession socket) {
        socket.getAttributes().remove(PTY);
        if (socket.getAttributes().remove(VIEWING) instanceof AutoCloseable viewing) {
            try {
                viewing.close();
            } catch (Exception ignored) {
                // Detaching cannot fail.
            }
        }
    }

    private void refuse(WebSocketSession socket, SocketOutbox outbox, RuntimeException problem) {
        int code = problem instanceof NotFoundException ? SandboxSocketAccess.NOT_FOUND
                : problem instanceof ConflictException ? SandboxSocketAccess.CONFLICT : 4400;
        outbox.text(control("error", null, problem.getMessage()));
        String reason = json.writeValueAsString(Map.of("error", problem.getMessage()));
        outbox.closeAfterSending(new CloseStatus(code, reason.length() <= 120 ? reason : reason.substring(0, 117) + "..."));
    }

    private String control(String status, Integer exitCode, String error) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "control");
        message.put("status", status);
        if (status.equals("exited")) {
            message.put("exitCode", exitCode);
        }
        if (error != null) {
            message.put("error", error);
        }
        return json.writeValueAsString(message);
    }

    /** The variables the SDK sent in the subprotocol {@code X-Daytona-Pty-Envs~<base64url JSON>}. */
    private Map<String, String> envs(WebSocketSession socket) {
        for (String header : socket.getHandshakeHeaders().getOrEmpty("Sec-WebSocket-Protocol")) {
            for (String offered : header.split(",")) {
                String token = offered.strip();
                if (token.startsWith(ENVS_PREFIX)) {
                    try {
                        byte[] decoded = Base64.getUrlDecoder().decode(token.substring(ENVS_PREFIX.length()));
                        return json.readValue(decoded, new TypeReference<Map<String, String>>() { });
                    } catch (RuntimeException e) {
                        throw new BadRequestException("the subprotocol " + ENVS_PREFIX + "… must carry base64url JSON of a map of strings");
                    }
                }
            }
        }
        return Map.of();
    }

    private static int number(WebSocketSession socket, String name, int fallback) {
        String value = query(socket, name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number, was " + value);
        }
    }
}
