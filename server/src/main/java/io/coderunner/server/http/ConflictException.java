package io.coderunner.server.http;

/** Conflict: answered as a problem detail whose detail is this message. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
