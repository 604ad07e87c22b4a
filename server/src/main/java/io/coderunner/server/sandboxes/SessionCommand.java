package io.coderunner.server.sandboxes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One command written into a session's shell: its logs (stdout, stderr, and both in the order
 * they came), its exit code once it ended, and the connections following it live. A command that
 * never ran because its session ended first ends without an exit code.
 */
public final class SessionCommand {

    /** Output kept of one command, per stream and both together. */
    static final int MAX_LOG_BYTES = 4 * 1024 * 1024;

    /** Someone following a command's output as it is written; called in order, never blocking. */
    public interface Follower {
        void stdout(byte[] data);

        void stderr(byte[] data);

        /** The command ended: its exit code, or null when it never ran (its session ended first). */
        void ended(Integer exitCode);
    }

    private final String id;
    private final String command;
    private final String marker;
    private final BoundedLog stdout = new BoundedLog(MAX_LOG_BYTES);
    private final BoundedLog stderr = new BoundedLog(MAX_LOG_BYTES);
    private final BoundedLog output = new BoundedLog(MAX_LOG_BYTES);
    private final List<Follower> followers = new ArrayList<>();
    private final CompletableFuture<Integer> finished = new CompletableFuture<>();
    private boolean ended;
    private Integer exitCode;

    SessionCommand(String id, String command, String marker) {
        this.id = id;
        this.command = command;
        this.marker = marker;
    }

    public String id() {
        return id;
    }

    public String command() {
        return command;
    }

    String marker() {
        return marker;
    }

    /** The exit code, or null while it runs or waits (or when it never ran). */
    public synchronized Integer exitCode() {
        return exitCode;
    }

    public synchronized boolean hasEnded() {
        return ended;
    }

    /** Completes when the command ended, with its exit code (null: it never ran). */
    public CompletableFuture<Integer> finished() {
        return finished;
    }

    /**
     * Waits until the command ended, at most {@code max}; whether it did (a command still running
     * then goes on, and can be asked for later).
     */
    public boolean awaitEnd(java.time.Duration max) {
        try {
            finished.get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    public String stdout() {
        return stdout.text();
    }

    public String stderr() {
        return stderr.text();
    }

    /** Both streams together, in the order they were read. */
    public String output() {
        return output.text();
    }

    public boolean truncated() {
        return stdout.truncated() || stderr.truncated() || output.truncated();
    }

    /** Bytes its logs hold. */
    int logBytes() {
        return stdout.size() + stderr.size() + output.size();
    }

    /**
     * Starts following the command: {@code follower} first gets what was written so far (stdout,
     * then stderr), then what comes, then the end, which is at once when it ended already.
     * Close the returned handle to stop.
     */
    public synchronized AutoCloseable follow(Follower follower) {
        byte[] out = stdout.bytes();
        byte[] err = stderr.bytes();
        if (out.length > 0) {
            follower.stdout(out);
        }
        if (err.length > 0) {
            follower.stderr(err);
        }
        if (ended) {
            follower.ended(exitCode);
            return () -> { };
        }
        followers.add(follower);
        return () -> unfollow(follower);
    }

    private synchronized void unfollow(Follower follower) {
        followers.remove(follower);
    }

    synchronized void stdout(byte[] data) {
        if (data.length == 0 || ended) {
            return;
        }
        stdout.append(data);
        output.append(data);
        followers.forEach(follower -> follower.stdout(data));
    }

    synchronized void stderr(byte[] data) {
        if (data.length == 0 || ended) {
            return;
        }
        stderr.append(data);
        output.append(data);
        followers.forEach(follower -> follower.stderr(data));
    }

    void end(Integer code) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            exitCode = code;
            followers.forEach(follower -> follower.ended(code));
            followers.clear();
        }
        finished.complete(code);
    }
}
