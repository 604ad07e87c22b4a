package io.coderunner.engine;

/**
 * Runs untrusted programs. Implementations differ in how they isolate (bubblewrap, gVisor, or a
 * plain process for development) but share limits, accounting and clean-up: when a run ends, by
 * any cause, every process it started is gone.
 */
public interface Sandbox extends AutoCloseable {

    /** Starts a run and returns at once; output goes to {@code listener} as it is produced. */
    RunHandle start(RunSpec spec, OutputListener listener);

    /** Runs to the end and returns the result. */
    default RunResult run(RunSpec spec) {
        return start(spec, OutputListener.NONE).await();
    }

    /**
     * Opens an interactive terminal in the sandbox; output goes to {@code listener} as it is written.
     * Throws {@link SandboxException} when this runtime cannot hold terminals.
     */
    default Terminal openTerminal(TerminalSpec spec, TerminalListener listener) {
        throw new SandboxException("terminal sessions need the bubblewrap runtime");
    }

    /**
     * Opens a sandbox that stays up until it is closed, for processes started in it one by one
     * ({@link Resident}). Throws {@link SandboxException} when this runtime cannot keep sandboxes.
     */
    default Resident openResident(ResidentSpec spec) {
        throw new SandboxException("long-lived sandboxes need the bubblewrap runtime");
    }

    /**
     * Keeps runs and terminals out of a host work directory until the returned hold is closed, so
     * that the directory can be deleted without racing a program that writes in it. Throws
     * {@link DirectoryInUseException} when a run or terminal works in it now.
     */
    default DirectoryHold holdDirectory(java.nio.file.Path dir) {
        return () -> { };
    }

    /** A host directory kept out of use; closing it lets runs and terminals in again. */
    interface DirectoryHold extends AutoCloseable {
        @Override
        void close();
    }

    /** What this sandbox is made of, for status pages. */
    SandboxInfo info();

    @Override
    void close();
}
