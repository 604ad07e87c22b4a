package io.coderunner.engine;

import java.util.concurrent.CompletableFuture;

/** A run in progress: feed it input, stop it, or wait for its result. */
public interface RunHandle {

    /** Writes bytes to the program's standard input; ignored once input is closed or the run ended. */
    void writeStdin(byte[] data);

    /** Closes standard input: the program reads end-of-file. */
    void closeStdin();

    /** Ends the run now, with every process in it; its status becomes KILLED. */
    void stop();

    CompletableFuture<RunResult> result();

    /**
     * Completes when the run leaves the queue and its sandbox is given to it (a slot is free), so
     * a caller can tell time spent waiting from time spent running; at the latest with the result.
     */
    default CompletableFuture<Void> started() {
        return result().thenApply(result -> null);
    }

    default RunResult await() {
        return result().join();
    }
}
