package io.coderunner.engine.run;

import io.coderunner.engine.Limits;
import java.util.List;

/**
 * How a runtime isolates a stage: the command line that runs the stage's command inside it. The
 * engine around it provides limits, accounting and clean-up, so a runtime is only this.
 */
public interface Isolation {

    /** bubblewrap, gvisor or unsafe-process. */
    String name();

    /** False only for the development runtime, which does not contain programs at all. */
    boolean isolated();

    /**
     * The command that runs {@code init} isolated, as the stage's first process, with the
     * stage's work directory at /work and its control directory readable at
     * {@link #controlDir(Stage)}.
     */
    List<String> command(Stage stage, List<String> init);

    /**
     * Like {@link #command} for a stage that runs under a pseudo-terminal: the terminal given to the
     * runtime stays the program's controlling terminal, so job control and window sizes work.
     * Runtimes that cannot do this refuse.
     */
    default List<String> terminalCommand(Stage stage, List<String> init) {
        throw new io.coderunner.engine.SandboxException("terminal sessions need the bubblewrap runtime (this server runs "
                + name() + ")");
    }

    /**
     * Like {@link #command} for a resident sandbox, whose init is its agent, talking to the engine
     * over plain pipes, and whose work directory appears at {@link Stage#sandboxWorkDir()}. Runtimes
     * that cannot keep such a sandbox refuse.
     */
    default List<String> residentCommand(Stage stage, List<String> init) {
        throw new io.coderunner.engine.SandboxException("long-lived sandboxes need the bubblewrap runtime (this server runs "
                + name() + ")");
    }

    /** Where the init finds the slot's control directory ({@code stage.stateDir()}). */
    String controlDir(Stage stage);

    /** Files the launcher must open on numbered descriptors for the command (a seccomp program, ...). */
    default List<Descriptor> descriptors(Stage stage) {
        return List.of();
    }

    /**
     * Whether the runtime must be started as root and gives up its privileges itself, so that the
     * launcher must not drop to the slot's uid before it execs the command (the stage's host uid
     * is then only the owner of its files, which the runtime maps into the sandbox).
     */
    default boolean dropsPrivilegesItself() {
        return false;
    }

    /**
     * The limits of the stage's control group on the host: the stage's own, plus room for what the
     * runtime itself runs inside that group (a user-space kernel's threads, for example).
     */
    default Limits hostLimits(Limits limits) {
        return limits;
    }

    /** Whether a stage that ended this way failed in the runtime's own setup, before the program ran. */
    default boolean setupFailed(int exitCode, String stderr) {
        return false;
    }

    /**
     * Whether a stage allowed the network must be started in a network namespace of its own with
     * user-mode networking ({@link UserModeNetwork}) rather than the host's.
     */
    default boolean needsUserModeNetwork() {
        return false;
    }

    /** Throws with a message naming what is missing when the runtime cannot work on this host. */
    void verifyAvailable();
}
