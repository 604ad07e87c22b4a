package io.coderunner.engine.run;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import io.coderunner.engine.Terminal;
import io.coderunner.engine.TerminalListener;
import io.coderunner.engine.TerminalSpec;
import io.coderunner.engine.cgroup.RunCgroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A terminal open in the sandbox: the launcher, bwrap and the shell run under a pseudo-terminal
 * (pty4j), inside a control group of their own. One platform thread reads the terminal's output
 * (see {@link EngineThreads} for why not a virtual one). Closing kills the whole group, which is
 * every process the session ever started, wherever it moved in the process tree.
 */
final class PtyTerminal implements Terminal {

    private static final Logger log = LoggerFactory.getLogger(PtyTerminal.class);
    private static final int READ_BUFFER = 8192;

    private final TerminalSpec spec;
    private final RunCgroup cgroup;
    private final PtyProcess process;
    private final Runnable release;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held by a hand-over and by the close that marks the end: one of them comes wholly first. */
    private final Object handing = new Object();
    private final OutputStream input;
    private final Integer uid;

    /** @param release gives back what the terminal held (its directory, uid and group name) once nothing of it runs */
    PtyTerminal(TerminalSpec spec, Integer uid, RunCgroup cgroup, PtyProcess process, TerminalListener listener, Runnable release) {
        this.spec = spec;
        this.uid = uid;
        this.cgroup = cgroup;
        this.process = process;
        this.release = release;
        this.input = process.getOutputStream();
        EngineThreads.start("terminal-" + process.pid(), () -> pump(process.getInputStream(), listener));
    }

    private void pump(InputStream screen, TerminalListener listener) {
        byte[] buffer = new byte[READ_BUFFER];
        try {
            int n;
            while ((n = screen.read(buffer)) > 0) {
                try {
                    listener.output(Arrays.copyOf(buffer, n));
                } catch (RuntimeException e) {
                    log.warn("A terminal listener failed: {}", e.getMessage());
                }
            }
        } catch (IOException e) {
            // The terminal's last process closed it (EIO on the master side): the session is over.
        }
        int status = waitFor();
        // The shell has gone; whatever it left running in the background goes with it.
        close();
        exited.complete(status);
    }

    private int waitFor() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public synchronized void write(byte[] data) {
        if (closed.get()) {
            return;
        }
        try {
            input.write(data);
            input.flush();
        } catch (IOException e) {
            log.debug("Typing into a terminal that is ending: {}", e.getMessage());
        }
    }

    @Override
    public void resize(int cols, int rows) {
        TerminalSpec.requireSize(cols, rows);
        if (!closed.get()) {
            process.setWinSize(new WinSize(cols, rows));
        }
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public void handOver(java.nio.file.Path prepared, String name) throws java.io.IOException {
        synchronized (handing) {
            // Given while still the server's alone, so no program can change it during the walk;
            // once the terminal has ended its directory is the server's again and so is the folder.
            if (!closed.get()) {
                HostDirectory.lendTree(prepared, java.util.List.of(), uid);
            }
            io.coderunner.engine.files.HostileTree.moveInto(prepared, spec.workDir(), name);
        }
    }

    @Override
    public long memoryBytes() {
        return cgroup.memoryBytes();
    }

    @Override
    public void close() {
        synchronized (handing) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        try {
            cgroup.killAll();
            process.destroyForcibly();
            cgroup.close();
        } finally {
            release.run();
        }
    }
}
