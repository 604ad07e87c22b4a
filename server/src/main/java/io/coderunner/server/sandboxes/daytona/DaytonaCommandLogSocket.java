package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.sandboxes.ProcessSessions;
import io.coderunner.server.sandboxes.SandboxSocketAccess;
import io.coderunner.server.sandboxes.SandboxSocketHandler;
import io.coderunner.server.sandboxes.SessionCommand;
import io.coderunner.server.sandboxes.SocketOutbox;
import java.util.List;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * WS /daytona/toolbox/{id}/process/session/{sid}/command/{cid}/logs?follow=true: a command's
 * output as the SDK's {@code getSessionCommandLogs(sid, cid, onStdout, onStderr)} reads it —
 * binary frames, stdout bytes after the marker 01 01 01 and stderr bytes after 02 02 02 — from
 * its start, and a normal close (1000) when the command ended.
 */
class DaytonaCommandLogSocket extends SandboxSocketHandler {

    private static final byte[] STDOUT = {1, 1, 1};
    private static final byte[] STDERR = {2, 2, 2};
    private static final String FOLLOWING = DaytonaCommandLogSocket.class.getName() + ".following";

    private final ProcessSessions sessions;

    DaytonaCommandLogSocket(SandboxSocketAccess access, JsonMapper json, ProcessSessions sessions) {
        super(access, json);
        this.sessions = sessions;
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
        return DaytonaPtySocket.AUTH_PARAMETER;
    }

    @Override
    protected void opened(WebSocketSession socket, SandboxSocketAccess.Opened opened, SocketOutbox outbox) {
        List<String> path = segments(socket);
        SessionCommand command;
        try {
            command = sessions.get(opened.sandbox(), path.get(5)).command(path.get(7));
        } catch (NotFoundException e) {
            SandboxSocketAccess.close(socket, SandboxSocketAccess.NOT_FOUND, e.getMessage());
            return;
        }
        socket.getAttributes().put(FOLLOWING, command.follow(new SessionCommand.Follower() {
            @Override
            public void stdout(byte[] data) {
                outbox.binary(marked(STDOUT, data));
            }

            @Override
            public void stderr(byte[] data) {
                outbox.binary(marked(STDERR, data));
            }

            @Override
            public void ended(Integer exitCode) {
                outbox.closeAfterSending(CloseStatus.NORMAL);
            }
        }));
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

    private static byte[] marked(byte[] marker, byte[] data) {
        byte[] frame = new byte[marker.length + data.length];
        System.arraycopy(marker, 0, frame, 0, marker.length);
        System.arraycopy(data, 0, frame, marker.length, data.length);
        return frame;
    }
}
