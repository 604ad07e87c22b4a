package io.coderunner.engine.run;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Input for a run: bytes given up front, or written while it runs. Input that arrives before the
 * run stage has started (while compiling) waits here and is delivered when it starts.
 */
final class StdinChannel {

    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    static StdinChannel of(byte[] input) {
        StdinChannel channel = new StdinChannel();
        if (input.length > 0) {
            channel.write(input);
        }
        channel.close();
        return channel;
    }

    void write(byte[] data) {
        if (!closed && data.length > 0) {
            queue.add(data.clone());
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            queue.add(END);
        }
    }

    /** Copies input to the program until end of input or until the program stops reading. */
    void pumpTo(OutputStream stdin) {
        try (stdin) {
            while (true) {
                byte[] data = queue.take();
                if (data == END) {
                    return;
                }
                stdin.write(data);
                stdin.flush();
            }
        } catch (IOException e) {
            // The program exited or closed its input: the rest has nowhere to go.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a pump that is waiting for input that will never come (the stage is over). */
    void abandon() {
        queue.add(END);
    }
}
