package io.coderunner.server.http;

/** Forbidden: answered as a problem detail whose detail is this message. */
public class ForbiddenException extends RuntimeException {

    private final String code;
    private final java.util.Map<String, Object> fields;

    public ForbiddenException(String message) {
        this(ProblemCodes.FORBIDDEN, message, java.util.Map.of());
    }

    /** A refusal with a code of its own and its figures (a tier's limit, say) as fields of the problem. */
    public ForbiddenException(String code, String message, java.util.Map<String, Object> fields) {
        super(message);
        this.code = code;
        this.fields = java.util.Map.copyOf(fields);
    }

    public String code() {
        return code;
    }

    public java.util.Map<String, Object> fields() {
        return fields;
    }
}
