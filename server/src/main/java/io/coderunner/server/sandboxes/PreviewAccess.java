package io.coderunner.server.sandboxes;

import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SessionCookies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may reach a previewed port: whoever holds its token (in the query, the preview's cookie or
 * Daytona's header) and the sandbox's owner by their own credentials. Nobody else, whatever they
 * are signed in as.
 */
@Component
class PreviewAccess {

    /** The cookie a browser keeps a preview's token in, scoped to that preview's path. */
    static final String COOKIE = "coderunner_preview";
    static final String TOKEN_PARAMETER = "token";
    static final String DAYTONA_HEADER = "X-Daytona-Preview-Token";

    private final PreviewTokens tokens;
    private final SandboxService sandboxes;

    PreviewAccess(PreviewTokens tokens, SandboxService sandboxes) {
        this.tokens = tokens;
        this.sandboxes = sandboxes;
    }

    enum Outcome {
        /** Allowed. */
        GRANTED,
        /** Allowed by a token in the query: a browser is given the cookie and sent to the URL without it. */
        GRANTED_BY_QUERY,
        /** No token and not the owner. */
        UNAUTHENTICATED,
        /** A token that is not this port's, or a caller who is not the owner. */
        REFUSED
    }

    record Decision(Outcome outcome, String message) {
        boolean granted() {
            return outcome == Outcome.GRANTED || outcome == Outcome.GRANTED_BY_QUERY;
        }
    }

    Decision decide(HttpServletRequest request, PreviewTarget target) {
        if (target.pathToken() != null) {
            return tokens.matches(target.pathToken(), target.sandboxId(), target.port()) ? new Decision(Outcome.GRANTED, null)
                    : wrongToken();
        }
        String query = PreviewQuery.token(request.getQueryString());
        if (query != null) {
            return tokens.matches(query, target.sandboxId(), target.port()) ? new Decision(Outcome.GRANTED_BY_QUERY, null)
                    : wrongToken();
        }
        String header = request.getHeader(DAYTONA_HEADER);
        if (header != null) {
            return tokens.matches(header.strip(), target.sandboxId(), target.port()) ? new Decision(Outcome.GRANTED, null) : wrongToken();
        }
        for (String cookie : SessionCookies.readAll(request, COOKIE)) {
            if (tokens.matches(cookie, target.sandboxId(), target.port())) {
                return new Decision(Outcome.GRANTED, null);
            }
        }
        Caller caller = caller();
        if (caller != null) {
            if (caller.viaApiKey() && !caller.scopes().contains("sandboxes")) {
                return new Decision(Outcome.REFUSED, "this API key has no 'sandboxes' scope: it cannot open a sandbox's preview");
            }
            if (isOwner(caller, target.sandboxId())) {
                return new Decision(Outcome.GRANTED, null);
            }
            return new Decision(Outcome.REFUSED, "only the sandbox's owner or a holder of its preview token may open this preview");
        }
        return new Decision(Outcome.UNAUTHENTICATED, "this preview needs its token: open the preview URL with ?" + TOKEN_PARAMETER
                + "=<token>, or send it in the " + DAYTONA_HEADER + " header (GET /sandboxes/{id}/ports/{port}/preview-url gives both)");
    }

    /** The signed-in caller or key owner, or null for a request without CodeRunner credentials. */
    static Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller && !caller.isVisitor() ? caller : null;
    }

    private boolean isOwner(Caller caller, String sandboxId) {
        try {
            return sandboxes.owned(caller, sandboxId).id().equals(sandboxId);
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static Decision wrongToken() {
        return new Decision(Outcome.REFUSED, "the preview token is not the one of this sandbox's port");
    }
}
