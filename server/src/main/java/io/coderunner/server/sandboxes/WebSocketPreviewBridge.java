package io.coderunner.server.sandboxes;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket connection to a server in a sandbox, once both sides switched protocols: bytes are
 * pumped both ways as they are (frames and all), each way on a thread of its own, until either
 * side closes; then both are closed. Public with a public constructor because the servlet
 * container makes it ({@code HttpServletRequest.upgrade}).
 */
public final class WebSocketPreviewBridge implements HttpUpgradeHandler {

    private static final Logger log = LoggerFactory.getLogger(WebSocketPreviewBridge.class);

    private final AtomicBoolean over = new AtomicBoolean();
    private TunnelStream tunnel;
    private InputStream fromSandbox;
    private AutoCloseable release;
    private WebConnection connection;

    public WebSocketPreviewBridge() {
    }

    /**
     * @param fromSandbox what the server sends after its 101 answer (which may already hold its first frames)
     * @param release     closed when the bridge ends: the connection's place and activity
     */
    void attach(TunnelStream tunnel, InputStream fromSandbox, AutoCloseable release) {
        this.tunnel = tunnel;
        this.fromSandbox = fromSandbox;
        this.release = release;
    }

    @Override
    public void init(WebConnection connection) {
        this.connection = connection;
        InputStream fromClient;
        OutputStream toClient;
        try {
            fromClient = connection.getInputStream();
            toClient = connection.getOutputStream();
        } catch (IOException e) {
            end();
            return;
        }
        // The upgraded streams block while no listener is set: each direction has its own (virtual) thread.
        Thread.ofVirtual().name("preview-ws-up").start(() -> pump(fromClient, tunnel.out));
        Thread.ofVirtual().name("preview-ws-down").start(() -> pump(fromSandbox, toClient));
    }

    private void pump(InputStream in, OutputStream out) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int read;
            while (!over.get() && (read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("A proxied WebSocket ended: {}", e.getMessage());
        } finally {
            end();
        }
    }

    @Override
    public void destroy() {
        end();
    }

    private void end() {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        if (tunnel != null) {
            tunnel.close();
        }
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (Exception e) {
            log.debug("Closing a proxied WebSocket: {}", e.getMessage());
        }
        try {
            if (release != null) {
                release.close();
            }
        } catch (Exception e) {
            log.debug("Releasing a proxied WebSocket: {}", e.getMessage());
        }
    }
}
