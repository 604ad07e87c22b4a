package io.coderunner.engine;

import java.util.concurrent.CompletableFuture;

/**
 * A sandbox that stays up ({@link Sandbox#openResident}): processes are started in it one after
 * another or side by side, each in the sandbox's namespaces, file system, control group and uid;
 * {@link #close()} kills every one of them and frees what the sandbox held. Its home directory
 * stays on the host.
 *
 * <p>Only the bubblewrap runtime keeps such sandboxes; gVisor and the development runtime refuse
 * with a {@link SandboxException}. Methods of a sandbox that has ended throw {@link SandboxException}
 * (starting a process or a tunnel) or do nothing (writing, signalling, resizing).
 */
public interface Resident extends AutoCloseable {

    /** Starts a process; its output goes to {@code listener} as it is written. */
    ResidentProcess spawn(ProcessSpec spec, ProcessListener listener);

    /**
     * Opens a byte stream to a TCP port on the sandbox's own loopback (a server a process started
     * there), from outside the sandbox's network namespace. Bytes from the port go to {@code listener}.
     */
    Tunnel connect(int port, TunnelListener listener);

    /** Completes when the sandbox has ended, by {@link #close()} or because its agent died. */
    CompletableFuture<Void> ended();

    /** Memory its processes use now, in bytes; 0 when the host cannot tell. */
    long memoryBytes();

    /** Kills every process of the sandbox (its whole control group) and frees what it held. */
    @Override
    void close();

    /** Output of a process started in a resident sandbox; called from one thread, in order. */
    interface ProcessListener {
        void stdout(byte[] data);

        void stderr(byte[] data);
    }

    /** A process in a resident sandbox. */
    interface ResidentProcess {

        /** Bytes for its standard input (or its terminal). */
        void write(byte[] data);

        /** Closes its standard input (for a terminal: sends end-of-file). */
        void closeStdin();

        /** Sends a signal to the process's whole process group (e.g. 9 to kill it and its children). */
        void signal(int signal);

        /** Tells a process under a terminal its new size. */
        void resize(int cols, int rows);

        /**
         * Completes with the exit code: the process's own, or 128 + the signal that ended it (137 for
         * a process still running when the sandbox ended); with {@link SandboxException} when it
         * could not be started (no such program, no such working directory), its message naming what.
         * Completes only once the process's output has all been passed on (or, when a background
         * child keeps its output open, shortly after it ended).
         */
        CompletableFuture<Integer> exited();
    }

    /** A byte stream to a port inside the sandbox. */
    interface Tunnel extends AutoCloseable {
        void write(byte[] data);

        /** Completes when the connection is made, or with {@link SandboxException} when it is refused. */
        CompletableFuture<Void> connected();

        @Override
        void close();
    }

    /** What comes from a port inside the sandbox. */
    interface TunnelListener {
        void data(byte[] data);

        /** The other side closed the connection (or it failed). */
        void closed();
    }
}
