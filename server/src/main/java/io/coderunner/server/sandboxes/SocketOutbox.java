package io.coderunner.server.sandboxes;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What a sandbox socket has to send, text or binary, sent by a thread of its own: a sandbox's
 * output arrives on the engine's thread, which must never wait for a slow client. Output waiting
 * is bounded; past the bound the connection is closed (1013) rather than silently losing the
 * middle of a log or a screen. Messages that must arrive (control, the end) are not bounded.
 */
public final class SocketOutbox {

    /** Bytes of output that may wait for one client. */
    public static final long LIMIT_BYTES = 4L * 1024 * 1024;
    private static final WebSocketMessage<?> CLOSE = new TextMessage("");

    private final WebSocketSession session;
    private final LinkedBlockingQueue<WebSocketMessage<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile CloseStatus closeWith;

    public SocketOutbox(WebSocketSession session) {
        this.session = session;
        Thread.ofVirtual().name("sandbox-ws-" + session.getId()).start(this::drain);
    }

    /** Queues output; a client too far behind is closed. */
    public void output(WebSocketMessage<?> message) {
        if (queuedBytes.addAndGet(message.getPayloadLength()) > LIMIT_BYTES) {
            closeAfterSending(new CloseStatus(1013, "the client reads too slowly: over " + LIMIT_BYTES + " bytes waiting"));
            return;
        }
        queue.add(message);
    }

    public void text(String message) {
        queuedBytes.addAndGet(message.length());
        queue.add(new TextMessage(message));
    }

    public void binary(byte[] data) {
        output(new BinaryMessage(data));
    }

    /** Sends what is queued, then closes with this status. */
    public void closeAfterSending(CloseStatus status) {
        if (closeWith == null) {
            closeWith = status;
        }
        queue.add(CLOSE);
    }

    /** Stops sending (the connection closed). */
    public void stop() {
        queue.add(CLOSE);
    }

    private void drain() {
        try {
            while (true) {
                WebSocketMessage<?> message = queue.take();
                if (message == CLOSE) {
                    if (closeWith != null && session.isOpen()) {
                        session.close(closeWith);
                    }
                    return;
                }
                queuedBytes.addAndGet(-message.getPayloadLength());
                if (session.isOpen()) {
                    session.sendMessage(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            try {
                session.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
