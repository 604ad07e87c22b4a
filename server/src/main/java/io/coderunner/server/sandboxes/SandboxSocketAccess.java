package io.coderunner.server.sandboxes;

import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SocketSignIn;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Who may open a socket into a sandbox, decided as for HTTP: the caller must own the sandbox
 * ({@link SandboxService#live}, 404 as if it did not exist otherwise), an API key needs the scope
 * {@code sandboxes}, and the sandbox must be started. An open socket counts as activity, so the
 * sandbox does not stop as idle under it.
 */
@Component
public class SandboxSocketAccess {

    /** Close codes, the HTTP status they stand for plus 4000. */
    public static final int FORBIDDEN = 4403;
    public static final int NOT_FOUND = 4404;
    public static final int CONFLICT = 4409;
    static final String SCOPE = "sandboxes";

    private final SandboxService sandboxes;
    private final SocketSignIn signIn;

    SandboxSocketAccess(SandboxService sandboxes, SocketSignIn signIn) {
        this.sandboxes = sandboxes;
        this.signIn = signIn;
    }

    /** A socket let into a started sandbox; {@link #closed} when it ends. */
    public record Opened(Caller caller, LiveSandbox sandbox, AutoCloseable activity) {
    }

    public SocketSignIn signIn() {
        return signIn;
    }

    /**
     * Lets the signed-in socket into the sandbox, or closes it with the reason (4403 for a key
     * without the scope, 4404 for a sandbox not the caller's, 4409 naming the state of one not
     * started) and returns null.
     */
    public Opened open(WebSocketSession socket, SocketSignIn.SignedIn signedIn, String sandboxId) {
        Caller caller = signedIn.caller();
        if (caller.viaApiKey() && !caller.scopes().contains(SCOPE)) {
            close(socket, FORBIDDEN, "this API key lacks the scope sandboxes");
            return null;
        }
        LiveSandbox sandbox;
        try {
            sandbox = sandboxes.live(caller, sandboxId);
        } catch (NotFoundException e) {
            close(socket, NOT_FOUND, e.getMessage());
            return null;
        } catch (ConflictException e) {
            close(socket, CONFLICT, e.getMessage());
            return null;
        }
        signIn.closeWhenExpired(socket, signedIn);
        return new Opened(caller, sandbox, sandboxes.connectionOpened(sandbox.id()));
    }

    /** The socket closed: it no longer keeps the sandbox busy. */
    public void closed(WebSocketSession socket, Opened opened) {
        signIn.forget(socket);
        if (opened != null) {
            try {
                opened.activity().close();
            } catch (Exception ignored) {
                // Counting activity cannot fail in a way the client could act on.
            }
        }
    }

    /** Closes with a reason that fits a close frame (123 bytes). */
    public static void close(WebSocketSession socket, int code, String reason) {
        if (!socket.isOpen()) {
            return;
        }
        String text = reason == null ? "" : reason;
        try {
            socket.close(new CloseStatus(code, text.length() <= 120 ? text : text.substring(0, 117) + "..."));
        } catch (IOException ignored) {
            // The connection is gone already.
        }
    }
}
