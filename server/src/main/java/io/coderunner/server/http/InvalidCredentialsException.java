package io.coderunner.server.http;

/** A credential that was presented but is not good (expired, revoked, tampered with, disabled): 401. */
public class InvalidCredentialsException extends RuntimeException {
    public InvalidCredentialsException(String message) {
        super(message);
    }
}
