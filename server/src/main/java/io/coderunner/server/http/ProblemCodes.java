package io.coderunner.server.http;

import io.coderunner.engine.InvalidRunException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable names of problems, sent as {@code code} beside {@code detail} in every error
 * (docs/API.md, "Errors"). {@code detail} names the cause in English for whoever reads it; {@code code}
 * is what a client branches on and what the web UI words in the user's language. A refusal with a
 * code of its own says so where it is raised; every other problem is named by its status.
 */
public final class ProblemCodes {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String AUTHENTICATION_REQUIRED = "authentication_required";
    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    /** A password reset link that is unknown, expired or already used. */
    public static final String INVALID_RESET_TOKEN = "invalid_reset_token";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String CONFLICT = "conflict";
    public static final String TOO_LARGE = "too_large";
    public static final String LOCKED = "locked";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String QUOTA_EXHAUSTED = "quota_exhausted";
    public static final String SERVER_BUSY = "server_busy";
    /** A tier's limit on sandboxes (how many, how large) refused the request; the problem names the limit. */
    public static final String SANDBOX_LIMIT = "sandbox_limit";
    /** The request does not fit the sandbox's state now (a stopped sandbox asked to run a process, say). */
    public static final String SANDBOX_STATE = "sandbox_state";
    public static final String ANONYMOUS_RUNS_DISABLED = "anonymous_runs_disabled";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String UNAVAILABLE = "unavailable";

    private ProblemCodes() {
    }

    /** The code of a problem that has none of its own. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> AUTHENTICATION_REQUIRED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 415 -> "unsupported_media_type";
            case 423 -> LOCKED;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            case 504 -> "timeout";
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }

    /**
     * A refusal as the fields of a problem ({@code code}, {@code detail} and the refusal's own), for a
     * channel that is not an HTTP response: the run WebSocket's {@code error} message.
     */
    public static Map<String, Object> describe(RuntimeException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("code", codeOf(e));
        fields.put("detail", e.getMessage() == null ? "refused" : e.getMessage());
        if (e instanceof TooManyRequestsException tooMany) {
            fields.put("retry_after_seconds", tooMany.retryAfterSeconds());
            fields.putAll(tooMany.fields());
        }
        return fields;
    }

    static String codeOf(RuntimeException e) {
        return switch (e) {
            case TooManyRequestsException tooMany -> tooMany.code();
            case InvalidCredentialsException ignored -> INVALID_CREDENTIALS;
            case SignInRequiredException signIn -> signIn.code();
            case NotFoundException ignored -> NOT_FOUND;
            case ConflictException ignored -> CONFLICT;
            case ForbiddenException ignored -> FORBIDDEN;
            case LockedException ignored -> LOCKED;
            case RequestTooLargeException ignored -> TOO_LARGE;
            case BadRequestException badRequest -> badRequest.code();
            case InvalidRunException ignored -> INVALID_REQUEST;
            case IllegalArgumentException ignored -> INVALID_REQUEST;
            default -> INTERNAL_ERROR;
        };
    }
}
