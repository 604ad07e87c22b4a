package io.coderunner.server.sandboxes;

import io.coderunner.server.execution.StreamDecoder;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WS /sandboxes/{id}/pty?cols=&rows=&cwd=: an interactive terminal in a started sandbox, for as
 * long as the connection lasts (closing it kills the shell). The client sends
 * {@code {"type":"input","data":...}} (or binary frames of keys) and
 * {@code {"type":"resize","cols":n,"rows":n}}; the server sends {@code {"type":"connected","pty_id",...}},
 * then {@code {"type":"output","data":...}} and, when the shell exits, {@code {"type":"exit","exit_code":n}}
 * and a close with 1000. Several terminals may be open at once.
 */
class PtySocket extends SandboxSocketHandler {

    private static final String PTY = PtySocket.class.getName() + ".pty";
    private static final String VIEWING = PtySocket.class.getName() + ".viewing";

    private final SandboxTerminals terminals;

    PtySocket(SandboxSocketAccess access, JsonMapper json, SandboxTerminals terminals) {
        super(access, json);
        this.terminals = terminals;
    }

    @Override
    protected String sandboxId(WebSocketSession socket) {
        return segments(socket).get(1);
    }

    @Override
    protected void opened(WebSocketSession socket, SandboxSocketAccess.Opened opened, SocketOutbox outbox) {
        SandboxPty pty;
        try {
            pty = terminals.create(opened.sandbox(), null, size(socket, "cols", 80), size(socket, "rows", 24),
                    query(socket, "cwd"), Map.of());
        } catch (BadRequestException e) {
            SandboxSocketAccess.close(socket, 4400, e.getMessage());
            return;
        } catch (ConflictException e) {
            SandboxSocketAccess.close(socket, SandboxSocketAccess.CONFLICT, e.getMessage());
            return;
        }
        socket.getAttributes().put(PTY, pty);
        Map<String, Object> connected = new LinkedHashMap<>();
        connected.put("type", "connected");
        connected.put("pty_id", pty.id());
        connected.put("cols", pty.cols());
        connected.put("rows", pty.rows());
        outbox.text(json.writeValueAsString(connected));
        StreamDecoder decoder = new StreamDecoder();
        socket.getAttributes().put(VIEWING, pty.attach(new SandboxPty.Viewer() {
            @Override
            public void output(byte[] data) {
                String text = decoder.decode(data);
                if (!text.isEmpty()) {
                    outbox.output(new TextMessage(json.writeValueAsString(Map.of("type", "output", "data", text))));
                }
            }

            @Override
            public void exited(Integer exitCode) {
                Map<String, Object> exit = new LinkedHashMap<>();
                exit.put("type", "exit");
                exit.put("exit_code", exitCode);
                outbox.text(json.writeValueAsString(exit));
                outbox.closeAfterSending(CloseStatus.NORMAL);
            }
        }));
    }

    @Override
    protected void text(WebSocketSession socket, String payload) {
        SandboxPty pty = (SandboxPty) socket.getAttributes().get(PTY);
        if (pty == null) {
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(payload);
        } catch (RuntimeException e) {
            error(socket, "malformed message: expected a JSON object with a \"type\"");
            return;
        }
        String type = body.path("type").asString("");
        switch (type) {
            case "input" -> pty.input(body.path("data").asString("").getBytes(StandardCharsets.UTF_8));
            case "resize" -> {
                JsonNode cols = body.get("cols");
                JsonNode rows = body.get("rows");
                if (cols == null || rows == null || !cols.canConvertToInt() || !rows.canConvertToInt()) {
                    error(socket, "resize needs whole numbers cols and rows");
                    return;
                }
                try {
                    pty.resize(cols.asInt(), rows.asInt());
                } catch (BadRequestException e) {
                    error(socket, e.getMessage());
                }
            }
            default -> error(socket, "unknown message type '" + type + "': expected input or resize");
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
        if (socket.getAttributes().remove(VIEWING) instanceof AutoCloseable viewing) {
            try {
                viewing.close();
            } catch (Exception ignored) {
                // Detaching cannot fail.
            }
        }
        if (socket.getAttributes().remove(PTY) instanceof SandboxPty pty) {
            pty.kill();
        }
    }

    private void error(WebSocketSession socket, String detail) {
        outbox(socket).text(json.writeValueAsString(Map.of("type", "error", "detail", detail)));
    }

    /** A size from the query; a bad one answers 4400 through the terminal's own check. */
    private static int size(WebSocketSession socket, String name, int fallback) {
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
