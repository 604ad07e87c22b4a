package io.coderunner.server.ai;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Why one provider gave no answer, in words a user can act on. The provider's own error text is
 * left out: it may repeat part of the key, and its status says enough.
 *
 * @param name     the configuration's or the installation's name for the provider
 * @param reason   one of {@link Reason}, in lower case
 * @param message  what happened and what to do about it
 */
record ProviderFailure(String name, String provider, String model, String reason, String message) {

    enum Reason { WRONG_KEY, RATE_LIMITED, TIMEOUT, UNREACHABLE, PROVIDER_ERROR, MODEL_NOT_FOUND, REJECTED, MALFORMED,
        BLOCKED_ADDRESS, KEY_UNREADABLE, TOO_LARGE }

    static ProviderFailure of(ProviderTarget target, Reason reason, String message) {
        return new ProviderFailure(target.name(), target.provider().id(), target.model(),
                reason.name().toLowerCase(java.util.Locale.ROOT), message);
    }

    /** The failure a LangChain4j call ended with. */
    static ProviderFailure classify(ProviderTarget target, Throwable error, Duration timeout) {
        Throwable e = unwrap(error);
        Integer status = status(e);
        if (tooLarge(error)) {
            return of(target, Reason.TOO_LARGE, "the provider's answer was larger than the server reads (" + tooLargeLimit()
                    + "): lower max_tokens, or check that the base URL points at a " + target.provider().id() + " API");
        }
        if (e instanceof AuthenticationException || (status != null && (status == 401 || status == 403))) {
            return of(target, Reason.WRONG_KEY, "the provider refused the API key (HTTP " + (status == null ? "401" : status)
                    + "): check the key in the AI configuration, and that it may use model " + target.model());
        }
        if (e instanceof RateLimitException || (status != null && status == 429)) {
            return of(target, Reason.RATE_LIMITED, "rate limited or out of quota (HTTP 429): wait a little, or check the "
                    + "plan and billing of this account with the provider");
        }
        if (e instanceof ModelNotFoundException || (status != null && status == 404)) {
            return of(target, Reason.MODEL_NOT_FOUND, "model " + target.model() + " was not found (HTTP 404): check the "
                    + "model name and the base URL");
        }
        if (status != null && status >= 500) {
            return of(target, Reason.PROVIDER_ERROR, "the provider failed (HTTP " + status + "): try again later");
        }
        if (e instanceof InternalServerException) {
            // Raised by LangChain4j without an HTTP status for a successful answer it cannot use (no choices).
            return malformed(target);
        }
        if (e instanceof InvalidRequestException || (status != null && status >= 400)) {
            return of(target, Reason.REJECTED, "the provider rejected the request (HTTP " + (status == null ? "4xx" : status)
                    + "): check the model name, temperature and max_tokens");
        }
        if (timedOut(error)) {
            return of(target, Reason.TIMEOUT, "no answer within " + timeout.toSeconds() + " seconds: the provider is slow "
                    + "or unreachable; try again later");
        }
        if (unreachable(error)) {
            return of(target, Reason.UNREACHABLE, "the provider could not be reached at " + target.baseUrl()
                    + ": check the base URL");
        }
        return malformed(target);
    }

    static ProviderFailure malformed(ProviderTarget target) {
        return of(target, Reason.MALFORMED, "the provider's answer was not a valid " + target.provider().protocol()
                .name().toLowerCase(java.util.Locale.ROOT) + " response: check that the base URL points at a "
                + target.provider().id() + " API");
    }

    static ProviderFailure timeout(ProviderTarget target, Duration timeout) {
        return of(target, Reason.TIMEOUT, "no answer within " + timeout.toSeconds() + " seconds: the provider is slow "
                + "or unreachable; try again later");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof HttpException)
                && t.getClass().getPackageName().startsWith("java.util.concurrent")) {
            t = t.getCause();
        }
        return t;
    }

    private static Integer status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return http.statusCode();
            }
        }
        return null;
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BoundedHttpClient.AnswerTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static String tooLargeLimit() {
        return BoundedHttpClient.MAX_ANSWER_BYTES / (1024 * 1024) + " MiB, streamed " + BoundedHttpClient.MAX_STREAM_BYTES
                / (1024 * 1024) + " MiB";
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if ((t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException))
                    || t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedModelServerException || t instanceof java.nio.channels.UnresolvedAddressException
                    || (t instanceof IOException && !(t instanceof com.fasterxml.jackson.core.JacksonException))) {
                return true;
            }
        }
        return false;
    }
}
