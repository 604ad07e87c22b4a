package io.coderunner.server.ai;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * No provider gave an answer: 503 when none is configured for the user, else 502 with each
 * provider's failure.
 */
class AiUnavailableException extends RuntimeException {

    private final HttpStatus status;
    private final transient List<ProviderFailure> failures;

    AiUnavailableException(HttpStatus status, String message, List<ProviderFailure> failures) {
        super(message);
        this.status = status;
        this.failures = List.copyOf(failures);
    }

    static AiUnavailableException noProvider() {
        return new AiUnavailableException(HttpStatus.SERVICE_UNAVAILABLE, "no AI provider is configured for you: add one "
                + "with POST /ai-configs (or the administrator may set server-wide providers such as GROQ_API_KEY)", List.of());
    }

    static AiUnavailableException allFailed(List<ProviderFailure> failures) {
        StringBuilder detail = new StringBuilder("no AI provider could answer: ");
        for (int i = 0; i < failures.size(); i++) {
            ProviderFailure f = failures.get(i);
            detail.append(i == 0 ? "" : "; ").append(f.name()).append(" (").append(f.provider()).append("): ")
                    .append(f.message());
        }
        return new AiUnavailableException(HttpStatus.BAD_GATEWAY, detail.toString(), failures);
    }

    /** {@code ai_not_configured} or {@code ai_providers_failed}, as the problem's code. */
    String code() {
        return status == HttpStatus.SERVICE_UNAVAILABLE ? "ai_not_configured" : "ai_providers_failed";
    }

    HttpStatus status() {
        return status;
    }

    List<ProviderFailure> failures() {
        return failures;
    }
}
