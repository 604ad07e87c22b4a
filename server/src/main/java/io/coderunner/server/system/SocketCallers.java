package io.coderunner.server.system;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * Who is on a WebSocket connection: the caller its handshake was authenticated as (an
 * Authorization header), or the one named by the credential of its first {@code auth} message
 * (a JWT or an API key, through the same {@link TokenAuthenticator}s as every HTTP request).
 */
@Component
public class SocketCallers {

    private final List<TokenAuthenticator> authenticators;

    SocketCallers(List<TokenAuthenticator> authenticators) {
        this.authenticators = authenticators;
    }

    /** The caller of the handshake, when it carried a credential. */
    public static Optional<Caller> fromHandshake(WebSocketSession session) {
        if (session.getPrincipal() instanceof Authentication authentication && authentication.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    /**
     * The caller a token stands for.
     *
     * @throws InvalidCredentialsException when the token is missing, of no known kind, or not good
     */
    public Caller authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidCredentialsException("auth needs a token: an access token or an API key");
        }
        for (TokenAuthenticator authenticator : authenticators) {
            if (authenticator.supports(token)) {
                return authenticator.authenticate(token);
            }
        }
        throw new InvalidCredentialsException("auth needs a token: an access token or an API key");
    }
}
