package io.coderunner.server.security;

import io.coderunner.server.http.InvalidCredentialsException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Who is on the other end of a WebSocket connection, for every socket endpoint alike: the caller
 * the handshake was signed in as (an {@code Authorization} header, or the browser's session
 * cookie when the page is of this site), or the one a first {@code auth} message names. A
 * connection lives no longer than its credential: it is closed with code 4401 when that expires.
 */
@Component
public class SocketSignIn {

    /** The close code of a connection whose credential is missing, wrong or expired. */
    public static final int UNAUTHORIZED = 4401;
    private static final String EXPIRY_TASK = SocketSignIn.class.getName() + ".expiry";
    private static final String SIGNED_IN_USER = SocketSignIn.class.getName() + ".user";

    /** A caller on a connection, and when its credential expires (null: it does not). */
    public record SignedIn(Caller caller, Instant expiresAt) {
    }

    private final List<TokenAuthenticator> authenticators;
    /** The signed-in connections of each user, so that a closed account's are closed at once. */
    private final Map<Long, Set<WebSocketSession>> byUser = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SocketAdmission admission;
    private final ScheduledExecutorService expiries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("socket-expiry").daemon().factory());

    SocketSignIn(List<TokenAuthenticator> authenticators, Clock clock, SocketAdmission admission) {
        this.authenticators = List.copyOf(authenticators);
        this.clock = clock;
        this.admission = admission;
    }

    /**
     * The caller the handshake was signed in as, or null. A session cookie counts only when the
     * page that opened the connection is of this site: browsers send cookies with a handshake a
     * page of any site starts, and a socket is not covered by CSRF tokens.
     */
    public SignedIn fromHandshake(WebSocketSession session) {
        if (!(session.getPrincipal() instanceof CallerAuthentication authentication)) {
            return null;
        }
        if (authentication.viaCookie() && !sameOrigin(session.getHandshakeHeaders())) {
            return null;
        }
        return new SignedIn(authentication.getPrincipal(), authentication.expiresAt());
    }

    /** The caller of an access token or API key sent in an {@code auth} message. */
    public SignedIn withToken(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidCredentialsException("auth needs a token: an access token or an API key");
        }
        for (TokenAuthenticator authenticator : authenticators) {
            if (authenticator.supports(token)) {
                Caller caller = authenticator.authenticate(token);
                return new SignedIn(caller, authenticator.expiresAt(token));
            }
        }
        throw new InvalidCredentialsException("unrecognised credential: expected an access token or an API key (sk-...)");
    }

    /** Closes the connection when the credential it was signed in with expires. */
    public void closeWhenExpired(WebSocketSession session, SignedIn signedIn) {
        forget(session);
        long userId = signedIn.caller().userId();
        session.getAttributes().put(SIGNED_IN_USER, userId);
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(session);
        admission.admitted(session);
        if (signedIn.expiresAt() == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), signedIn.expiresAt()).toMillis());
        ScheduledFuture<?> task = expiries.schedule(() -> close(session,
                "credential expired: sign in again (or refresh the access token) and reconnect"), delay, TimeUnit.MILLISECONDS);
        session.getAttributes().put(EXPIRY_TASK, task);
    }

    /**
     * The connection does what anonymous callers may (an anonymous run), without signing in: the
     * sign-in deadline ({@link SocketAdmission}) no longer applies to it.
     */
    public void admitAnonymous(WebSocketSession session) {
        admission.admitted(session);
    }

    /** Stops watching a connection's credential (the connection closed). */
    public void forget(WebSocketSession session) {
        if (session.getAttributes().remove(EXPIRY_TASK) instanceof ScheduledFuture<?> task) {
            task.cancel(false);
        }
        if (session.getAttributes().remove(SIGNED_IN_USER) instanceof Long userId) {
            byUser.computeIfPresent(userId, (id, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }

    /** Closes every connection signed in as this user (the account was closed); the number closed. */
    public int closeAllOf(long userId, String why) {
        Set<WebSocketSession> sessions = Set.copyOf(byUser.getOrDefault(userId, Set.of()));
        for (WebSocketSession session : sessions) {
            forget(session);
            close(session, why);
        }
        return sessions.size();
    }

    /** Closes a connection as unauthorised, with a reason that fits a close frame. */
    public static void close(WebSocketSession session, String reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseStatus(UNAUTHORIZED, reason.length() <= 120 ? reason : reason.substring(0, 117) + "..."));
        } catch (IOException ignored) {
            // The connection is gone already.
        }
    }

    private static boolean sameOrigin(HttpHeaders headers) {
        String origin = headers.getOrigin();
        if (origin == null) {
            return true; // not a browser page
        }
        String host = headers.getFirst("X-Forwarded-Host");
        if (host == null) {
            host = headers.getFirst(HttpHeaders.HOST);
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @PreDestroy
    void stop() {
        expiries.shutdownNow();
    }
}
