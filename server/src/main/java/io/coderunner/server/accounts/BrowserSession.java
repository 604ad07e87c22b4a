package io.coderunner.server.accounts;

import io.coderunner.server.security.SessionCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The browser's side of a sign-in: the tokens of a {@link TokenPair} in HTTP-only cookies, so
 * that no script of the page can read them. Programs get the same tokens in the answer's body and
 * may ignore the cookies.
 */
@Component
class BrowserSession {

    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    BrowserSession(AuthSettings settings) {
        this.accessLifetime = Duration.ofMinutes(settings.accessTokenMinutes());
        this.refreshLifetime = Duration.ofDays(settings.refreshTokenDays());
    }

    void signedIn(TokenPair tokens, HttpServletRequest request, HttpServletResponse response) {
        add(response, cookie(SessionCookies.ACCESS, tokens.accessToken(), accessLifetime, request));
        add(response, cookie(SessionCookies.REFRESH, tokens.refreshToken(), refreshLifetime, request));
    }

    void signedOut(HttpServletRequest request, HttpServletResponse response) {
        for (String name : new String[] {SessionCookies.ACCESS, SessionCookies.REFRESH, SessionCookies.CSRF}) {
            add(response, cookie(name, "", Duration.ZERO, request));
        }
    }

    private static ResponseCookie cookie(String name, String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(name, value)
                .httpOnly(!SessionCookies.CSRF.equals(name))
                // Behind a TLS-terminating proxy the request is secure when forwarded headers say so.
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }

    private static void add(HttpServletResponse response, ResponseCookie cookie) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
