package io.coderunner.server.http;

/** The request cannot be served as asked; the message says why (400), and a code of its own may say which refusal it is. */
public class BadRequestException extends RuntimeException {

    private final String code;

    public BadRequestException(String message) {
        this(ProblemCodes.INVALID_REQUEST, message);
    }

    public BadRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
