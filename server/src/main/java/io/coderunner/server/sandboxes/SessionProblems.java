package io.coderunner.server.sandboxes;

/** The problem codes of sessions, the same as the Daytona daemon's so that its SDK picks the right error. */
public final class SessionProblems {

    /** The session's shell exited: it runs no more commands. */
    public static final String SESSION_ENDED = "SESSION_ENDED";
    /** Input was sent to a command that has ended. */
    public static final String COMMAND_ALREADY_COMPLETED = "COMMAND_ALREADY_COMPLETED";
    /** Input was sent to a command still waiting for its turn. */
    public static final String COMMAND_NOT_RUNNING = "COMMAND_NOT_RUNNING";

    private SessionProblems() {
    }
}
