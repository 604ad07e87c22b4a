package io.coderunner.server.http;

/** Conflict: answered as a problem detail whose detail is this message. */
public class ConflictException extends RuntimeException {

    private final String code;
    private final java.util.Map<String, Object> fields;

    public ConflictException(String message) {
        this(ProblemCodes.CONFLICT, message, java.util.Map.of());
    }

    /** A conflict with a code of its own and what it is about (a sandbox's state, say) as fields of the problem. */
    public ConflictException(String code, String message, java.util.Map<String, Object> fields) {
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
