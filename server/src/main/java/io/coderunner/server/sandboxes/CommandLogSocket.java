package io.coderunner.server.sandboxes;

import io.coderunner.server.execution.StreamDecoder;
import io.coderunner.server.http.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * WS /sandboxes/{id}/process/sessions/{sid}/commands/{cid}/logs: a command's output as it is
 * written. The server sends {@code {"type":"stdout"|"stderr","data":...}} (what was written before
 * the connection first, each stream decoded as UTF-8 without splitting a character), then
 * {@code {"type":"exit","exit_code":n}} and closes with 1000.
 */
class CommandLogSocket extends SandboxSocketHandler {

    private static final String FOLLOWING = CommandLogSocket.class.getName() + ".following";

    private final ProcessSessions sessions;

    CommandLogSocket(SandboxSocketAccess access, JsonMapper json, ProcessSessions sessions) {
        super(access, json);
        this.sessions = sessions;
    }

    @Override
    protected String sandboxId(WebSocketSession socket) {
        return segments(socket).get(1);
    }

    @Override
    protected void opened(WebSocketSession socket, SandboxSocketAccess.Opened opened, SocketOutbox outbox) {
        List<String> path = segments(socket);
        SessionCommand command;
        try {
            command = sessions.get(opened.sandbox(), path.get(4)).command(path.get(6));
        } catch (NotFoundException e) {
            SandboxSocketAccess.close(socket, SandboxSocketAccess.NOT_FOUND, e.getMessage());
            return;
        }
        StreamDecoder out = new StreamDecoder();
        StreamDecoder err = new StreamDecoder();
        socket.getAttributes().put(FOLLOWING, command.follow(new SessionCommand.Follower() {
            @Override
            public void stdout(byte[] data) {
                send(outbox, "stdout", out.decode(data));
            }

            @Override
            public void stderr(byte[] data) {
                send(outbox, "stderr", err.decode(data));
            }

            @Override
            public void ended(Integer exitCode) {
                Map<String, Object> end = new LinkedHashMap<>();
                end.put("type", "exit");
                end.put("exit_code", exitCode);
                outbox.text(json.writeValueAsString(end));
                outbox.closeAfterSending(CloseStatus.NORMAL);
            }
        }));
    }

    private void send(SocketOutbox outbox, String stream, String text) {
        if (!text.isEmpty()) {
            outbox.output(new org.springframework.web.socket.TextMessage(json.writeValueAsString(Map.of("type", stream, "data", text))));
        }
    }

    @Override
    protected void ended(WebSocketSession socket) {
        if (socket.getAttributes().remove(FOLLOWING) instanceof AutoCloseable following) {
            try {
                following.close();
            } catch (Exception ignored) {
                // Unfollowing cannot fail.
            }
        }
    }
}
