package io.coderunner.engine;

/** The sandbox itself failed (not the program in it): a missing tool, a cgroup that cannot be made. */
public class SandboxException extends RuntimeException {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
