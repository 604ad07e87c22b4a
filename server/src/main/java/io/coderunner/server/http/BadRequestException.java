package io.coderunner.server.http;

/** The request cannot be served as asked; the message says why (400). */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
