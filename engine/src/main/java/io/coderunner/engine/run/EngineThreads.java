package io.coderunner.engine.run;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads the engine blocks and spawns on, chosen for two properties of Linux and the JVM.
 *
 * <p>Threads that read a sandbox's output, feed its input and wait for it are platform threads,
 * not virtual ones. Each blocks in a native read or wait on a process pipe, which holds the
 * carrier of a virtual thread, and a slot's waiting sandbox keeps two such reads open for as long
 * as the slot is idle: after an idle spell the JVM's virtual-thread scheduler had no carrier left,
 * and a server whose request handlers are virtual threads stopped answering. Their number is
 * bounded by the slots and the queue in front of them.
 *
 * <p>Sandboxes are spawned from one long-lived thread. bubblewrap's {@code --die-with-parent}
 * (and runsc's equivalent) is the kernel's parent-death signal, which fires when the <em>thread</em>
 * that forked the process exits, not the process: a sandbox started ahead from a short-lived thread
 * was killed when that thread ended, leaving its init orphaned.
 */
final class EngineThreads {

    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("sandbox-spawner").factory());

    private EngineThreads() {
    }

    static Thread start(String name, Runnable task) {
        return Thread.ofPlatform().daemon().name(name).start(task);
    }

    /** Starts the process from the engine's long-lived spawner thread. */
    static Process spawn(ProcessBuilder builder) throws IOException {
        return spawn(builder::start, builder.command().get(0));
    }

    /** Starts a process some other way (a pseudo-terminal's) from the spawner thread. */
    static <P extends Process> P spawn(Callable<P> start, String what) throws IOException {
        Future<P> started = SPAWNER.submit(start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    // Waited for even when interrupted: a process started and not handed back would be lost.
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start " + what + ": " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
