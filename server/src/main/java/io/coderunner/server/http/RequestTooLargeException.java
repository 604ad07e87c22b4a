package io.coderunner.server.http;

/** A request body grew past the configured limit while it was being read. */
public class RequestTooLargeException extends RuntimeException {
    public RequestTooLargeException(long maxBytes) {
        super("request body is larger than the limit of " + maxBytes + " bytes");
    }
}
