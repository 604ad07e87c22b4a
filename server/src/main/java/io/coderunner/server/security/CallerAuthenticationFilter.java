package io.coderunner.server.security;

import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.http.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the request's credential ({@code Authorization: Bearer ...}, or {@code X-API-Key}, or the
 * browser's access-token cookie) and, when there is one, authenticates the caller with the
 * authenticator that takes it. A header credential that is present but not good is refused at
 * once with 401 naming what is wrong; a request without one goes on anonymous, and the endpoint
 * decides whether that is allowed. A stale cookie is ignored rather than refused, so that a
 * browser whose access token expired can still sign in again or refresh.
 */
final class CallerAuthenticationFilter extends OncePerRequestFilter {

    private final List<TokenAuthenticator> authenticators;

    CallerAuthenticationFilter(List<TokenAuthenticator> authenticators) {
        this.authenticators = List.copyOf(authenticators);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = credential(request);
        if (token == null) {
            for (String cookie : SessionCookies.readAll(request, SessionCookies.ACCESS)) {
                try {
                    SecurityContextHolder.getContext().setAuthentication(authenticate(cookie, true));
                    break;
                } catch (InvalidCredentialsException stale) {
                    SecurityContextHolder.clearContext();
                }
            }
        } else {
            try {
                SecurityContextHolder.getContext().setAuthentication(authenticate(token, false));
            } catch (InvalidCredentialsException e) {
                SecurityContextHolder.clearContext();
                if (request.getRequestURI().startsWith(SecurityConfiguration.SANDBOX_PREVIEW_PREFIX)) {
                    // A previewed server's own Authorization header, passed on to it untouched.
                    chain.doFilter(request, response);
                    return;
                }
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, e.getMessage());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private CallerAuthentication authenticate(String token, boolean viaCookie) {
        for (TokenAuthenticator authenticator : authenticators) {
            if (authenticator.supports(token)) {
                Caller caller = authenticator.authenticate(token);
                return new CallerAuthentication(caller, () -> authenticator.expiresAt(token), viaCookie);
            }
        }
        throw new InvalidCredentialsException("unrecognised credential: expected an access token or an API key (sk-...)");
    }

    private static String credential(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        String key = request.getHeader("X-API-Key");
        return key == null || key.isBlank() ? null : key.strip();
    }
}
