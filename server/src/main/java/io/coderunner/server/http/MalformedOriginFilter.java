package io.coderunner.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refuses a request whose {@code Origin} header is not an origin with 400. The CORS and WebSocket
 * origin checks parse the header and fail with an exception a malformed one (say
 * {@code http://[bad}) would answer with a 500 and a logged stack trace: a cheap way to fill the log.
 * "null" (what browsers send from sandboxed or file pages) is an origin.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedOriginFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> origins = Collections.list(request.getHeaders(HttpHeaders.ORIGIN));
        if (origins.size() > 1 || (origins.size() == 1 && !wellFormed(origins.getFirst()))) {
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST,
                    "malformed Origin header: expected scheme://host[:port] or null");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean wellFormed(String origin) {
        if (origin.equals("null")) {
            return true;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return false;
            }
            // The parser the CORS and WebSocket checks use must take it too.
            UriComponentsBuilder.fromUriString(origin).build();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
