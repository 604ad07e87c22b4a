package io.coderunner.server.execution;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What the server has to send on one connection, sent by a thread of its own so that the engine's
 * output readers never wait for a client. Output waiting to be sent is bounded: past the limit a
 * chunk is dropped (and counted), so a client that reads slowly, or not at all, costs the server at
 * most that much memory. Messages that must arrive (started, result, errors) are never dropped.
 */
public final class Outbox {

    private static final String CLOSE = "";

    private final WebSocketSession session;
    private final long limitBytes;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private volatile CloseStatus closeWith;

    public Outbox(WebSocketSession session, long limitBytes) {
        this.session = session;
        this.limitBytes = limitBytes;
        Thread.ofVirtual().name("ws-send-" + session.getId()).start(this::drain);
    }

    /** Queues output unless too much is waiting already; returns false when it was dropped. */
    public boolean offerOutput(String message, int outputBytes) {
        if (queuedBytes.get() + message.length() > limitBytes) {
            droppedBytes.addAndGet(outputBytes);
            return false;
        }
        enqueue(message);
        return true;
    }

    public void send(String message) {
        enqueue(message);
    }

    public long droppedBytes() {
        return droppedBytes.get();
    }

    /** Resets the count of dropped output, for the connection's next run. */
    public void startRun() {
        droppedBytes.set(0);
    }

    public void close() {
        queue.add(CLOSE);
    }

    /** Sends what is queued, then closes the connection with this status (a last message is not lost to the close). */
    public void closeAfterSending(CloseStatus status) {
        closeWith = status;
        queue.add(CLOSE);
    }

    private void enqueue(String message) {
        queuedBytes.addAndGet(message.length());
        queue.add(message);
    }

    private void drain() {
        try {
            while (true) {
                String message = queue.take();
                if (message == CLOSE) {
                    if (closeWith != null && session.isOpen()) {
                        session.close(closeWith);
                    }
                    return;
                }
                queuedBytes.addAndGet(-message.length());
                if (session.isOpen()) {
                    session.sendMessage(new TextMessage(message));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The client is gone; the handler's close callback stops its run.
            try {
                session.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
