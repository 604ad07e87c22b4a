package io.coderunner.server.sandboxes;

import io.coderunner.engine.ProcessSpec;
import io.coderunner.engine.Resident;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An interactive bash under a terminal in a sandbox, watched by any number of sockets at once.
 * Its output goes to the viewers attached at that moment (nothing is kept for later ones).
 */
public final class SandboxPty {

    private static final int SIGKILL = 9;

    /** One socket watching the terminal; called in order and never blocking. */
    public interface Viewer {
        void output(byte[] data);

        /** The shell exited with this code (null: it could not be told). */
        void exited(Integer exitCode);
    }

    private final String id;
    private final String cwd;
    private final Map<String, String> envs;
    private final long createdAt;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final Resident.ResidentProcess process;
    private volatile int cols;
    private volatile int rows;
    private volatile boolean exited;
    private volatile Integer exitCode;

    SandboxPty(LiveSandbox sandbox, String id, int cols, int rows, String cwd, Map<String, String> envs, long createdAt,
               Consumer<SandboxPty> onExit) {
        this.id = id;
        this.cols = cols;
        this.rows = rows;
        this.cwd = cwd;
        this.envs = Map.copyOf(envs);
        this.createdAt = createdAt;
        Map<String, String> env = new java.util.HashMap<>(envs);
        env.putIfAbsent("TERM", "xterm-256color");
        this.process = sandbox.spawn(new ProcessSpec(List.of("/usr/bin/bash", "-i", "-l"), cwd, env, new ProcessSpec.Pty(cols, rows)),
                new Resident.ProcessListener() {
                    @Override
                    public void stdout(byte[] data) {
                        viewers.forEach(viewer -> viewer.output(data));
                    }

                    @Override
                    public void stderr(byte[] data) {
                        viewers.forEach(viewer -> viewer.output(data));
                    }
                });
        process.exited().whenComplete((code, failure) -> {
            synchronized (this) {
                exitCode = failure == null ? code : null;
                exited = true;
            }
            viewers.forEach(viewer -> viewer.exited(exitCode));
            viewers.clear();
            onExit.accept(this);
        });
    }

    public String id() {
        return id;
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public String cwd() {
        return cwd;
    }

    public Map<String, String> envs() {
        return envs;
    }

    public long createdAt() {
        return createdAt;
    }

    public boolean active() {
        return !exited;
    }

    /** Starts showing the terminal to the viewer; close the handle to stop. At once {@link Viewer#exited} if it has. */
    public AutoCloseable attach(Viewer viewer) {
        synchronized (this) {
            if (!exited) {
                viewers.add(viewer);
                return () -> viewers.remove(viewer);
            }
        }
        viewer.exited(exitCode);
        return () -> { };
    }

    /** Keys typed. */
    public void input(byte[] data) {
        if (!exited) {
            process.write(data);
        }
    }

    public void resize(int newCols, int newRows) {
        SandboxTerminals.requireSize(newCols, newRows);
        cols = newCols;
        rows = newRows;
        if (!exited) {
            process.resize(newCols, newRows);
        }
    }

    /** Kills the shell and what it started. */
    public void kill() {
        try {
            process.signal(SIGKILL);
        } catch (RuntimeException gone) {
            // It ended already.
        }
    }
}
