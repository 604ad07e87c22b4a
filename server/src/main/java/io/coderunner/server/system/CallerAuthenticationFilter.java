package io.coderunner.server.system;

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
 * Reads the request's credential ({@code Authorization: Bearer ...}, or {@code X-API-Key}) and,
 * when there is one, authenticates the caller with the authenticator that takes it. A credential
 * that is present but not good is refused at once with 401 naming what is wrong; a request
 * without one goes on anonymous, and the endpoint decides whether that is allowed.
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
        if (token != null) {
            try {
                Caller caller = authenticate(token);
                SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(caller));
            } catch (InvalidCredentialsException e) {
                SecurityContextHolder.clearContext();
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, e.getMessage());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Caller authenticate(String token) {
        for (TokenAuthenticator authenticator : authenticators) {
            if (authenticator.supports(token)) {
                return authenticator.authenticate(token);
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
