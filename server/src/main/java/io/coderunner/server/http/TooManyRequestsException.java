package io.coderunner.server.http;

import java.time.Duration;
import java.util.Map;

/**
 * The server or a quota is full for now: 429 with Retry-After, a {@code code} saying which
 * ({@link ProblemCodes#RATE_LIMITED}, {@link ProblemCodes#QUOTA_EXHAUSTED}, {@link ProblemCodes#SERVER_BUSY})
 * and the refusal's figures as fields of the problem.
 */
public class TooManyRequestsException extends RuntimeException {

    private final String code;
    private final Duration retryAfter;
    private final Map<String, Object> fields;

    public TooManyRequestsException(String message, Duration retryAfter) {
        this(ProblemCodes.RATE_LIMITED, message, retryAfter, Map.of());
    }

    public TooManyRequestsException(String code, String message, Duration retryAfter, Map<String, Object> fields) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
        this.fields = Map.copyOf(fields);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one: what Retry-After and {@code retry_after_seconds} say. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public String code() {
        return code;
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
