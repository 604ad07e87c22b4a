package io.coderunner.server.http;

/** Locked: answered as a problem detail whose detail is this message. */
public class LockedException extends RuntimeException {
    public LockedException(String message) {
        super(message);
    }
}
