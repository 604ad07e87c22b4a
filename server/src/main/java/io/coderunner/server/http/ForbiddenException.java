package io.coderunner.server.http;

/** Forbidden: answered as a problem detail whose detail is this message. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
