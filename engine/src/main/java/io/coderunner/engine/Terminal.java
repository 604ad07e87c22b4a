package io.coderunner.engine;

import java.util.concurrent.CompletableFuture;

/**
 * An open terminal: a process tree under a pseudo-terminal inside the sandbox. Its output goes to
 * the {@link TerminalListener} it was opened with; {@link #close()} kills every process of it.
 */
public interface Terminal extends AutoCloseable {

    /** Bytes typed into the terminal (keys, pasted text, control characters). */
    void write(byte[] input);

    /** Tells the terminal its new size; programs in it get SIGWINCH. */
    void resize(int cols, int rows);

    /** Completes with the exit status of the terminal's command when it ends by itself or is closed. */
    CompletableFuture<Integer> exited();

    /**
     * Hands the server's folder {@code prepared} (a cloned repository, say, in a place no program
     * can reach) to the terminal: it is given to the terminal's processes, so that they may change
     * it like their own files, and then moved into the terminal's work directory as {@code name},
     * from the opened directory. Throws {@link java.nio.file.FileAlreadyExistsException} when
     * something of that name is there already (a link a program made is not followed).
     */
    void handOver(java.nio.file.Path prepared, String name) throws java.io.IOException;

    /** Memory its processes use now, in bytes; 0 when the host cannot tell. */
    long memoryBytes();

    /** Kills every process of the terminal (its whole control group) and frees what it held. */
    @Override
    void close();
}
