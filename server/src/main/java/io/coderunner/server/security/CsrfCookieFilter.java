package io.coderunner.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes sure a browser that signs in (or is signed in) by cookie holds the {@code XSRF-TOKEN}
 * cookie its page must echo. Spring Security creates the token only when something asks for it;
 * asking here, for browser requests only, keeps programs' responses free of cookies they never use.
 */
final class CsrfCookieFilter extends OncePerRequestFilter {

    private static final Set<String> SIGN_IN_PATHS = Set.of("/login", "/refresh");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SessionCookies.present(request) || SIGN_IN_PATHS.contains(request.getRequestURI())) {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
        }
        chain.doFilter(request, response);
    }
}
