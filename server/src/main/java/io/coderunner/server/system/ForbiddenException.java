package io.coderunner.server.system;

/** Forbidden: answered as a problem detail whose detail is this message. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
