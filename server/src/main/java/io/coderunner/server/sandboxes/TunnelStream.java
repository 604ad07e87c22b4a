package io.coderunner.server.sandboxes;

import io.coderunner.engine.Resident;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tunnel to a port inside a sandbox as a pair of blocking streams, for the threads that proxy a
 * connection. What the port sends is queued, since the sandbox's agent delivers it on a thread
 * that must never wait for a slow client; past {@link #MAX_QUEUED} bytes not yet read the
 * connection is cut, so a client that stops reading cannot make the server hold without bound.
 */
final class TunnelStream implements AutoCloseable {

    static final long MAX_QUEUED = 8L * 1024 * 1024;
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final Resident.Tunnel tunnel;
    private final Duration idle;

    private TunnelStream(LiveSandbox sandbox, int port, Duration idle) {
        this.idle = idle;
        this.tunnel = sandbox.connect(port, new Resident.TunnelListener() {
            @Override
            public void data(byte[] data) {
                if (queued.addAndGet(data.length) > MAX_QUEUED) {
                    queue.offer(END);
                    Resident.Tunnel self = tunnel();
                    if (self != null) {
                        self.close();
                    }
                    return;
                }
                queue.offer(data);
            }

            @Override
            public void closed() {
                queue.offer(END);
            }
        });
    }

    private Resident.Tunnel tunnel() {
        return tunnel;
    }

    /**
     * Connects to the port; throws {@link PortClosedException} when nothing listens there (or the
     * sandbox ended) within {@code connectTimeout}.
     *
     * @param idle how long a read waits for the port to send something before the connection is given up
     */
    static TunnelStream open(LiveSandbox sandbox, int port, Duration connectTimeout, Duration idle) {
        TunnelStream stream = new TunnelStream(sandbox, port, idle);
        try {
            stream.tunnel.connected().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return stream;
        } catch (ExecutionException | TimeoutException e) {
            stream.close();
            throw new PortClosedException(port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.close();
            throw new PortClosedException(port);
        }
    }

    /** Nothing listens on the port inside the sandbox. */
    static final class PortClosedException extends RuntimeException {
        PortClosedException(int port) {
            super("nothing answers on port " + port + " inside the sandbox: start a server listening on it first");
        }
    }

    /** What the port sends, until it closes the connection. */
    final InputStream in = new InputStream() {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                byte[] next;
                try {
                    next = queue.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading from the sandbox");
                }
                if (next == null) {
                    throw new IOException("the sandbox's port sent nothing for " + idle.toSeconds() + " seconds");
                }
                if (next == END) {
                    ended = true;
                    continue;
                }
                queued.addAndGet(-next.length);
                current = next;
                position = 0;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }
    };

    /** Bytes for the port. */
    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            tunnel.write(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            if (length > 0) {
                tunnel.write(java.util.Arrays.copyOfRange(buffer, offset, offset + length));
            }
        }
    };

    @Override
    public void close() {
        tunnel.close();
        queue.offer(END);
    }
}
