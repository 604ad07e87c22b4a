package io.coderunner.server.security;

import io.coderunner.server.http.InvalidCredentialsException;
import java.time.Instant;

/**
 * Turns a credential from a request into the {@link Caller} it stands for. Modules provide one for
 * each kind of credential (access tokens, API keys); the security filter asks the one that takes it.
 */
public interface TokenAuthenticator {

    /** Whether this credential is of this authenticator's kind (by its form, without checking it). */
    boolean supports(String token);

    /** The caller, or an {@link InvalidCredentialsException} saying what is wrong with the credential. */
    Caller authenticate(String token);

    /**
     * When a credential this authenticator accepted stops being good by itself, or null when it
     * does not expire. A WebSocket connection signed in with it is closed then.
     */
    default Instant expiresAt(String token) {
        return null;
    }
}
