package io.coderunner.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on WebSocket connections ({@code coderunner.sockets.*}; environment e.g.
 * {@code CODERUNNER_SOCKETS_SIGNINDEADLINE=5s}, {@code CODERUNNER_SOCKETS_PERADDRESS=20}).
 *
 * @param signInDeadline how long a new connection may stay without signing in (or, on /ws/execute,
 *                       starting an anonymous run) before it is closed with 4408
 * @param perAddress     connections one client address may hold open at once
 */
@ConfigurationProperties("coderunner.sockets")
public record SocketSettings(Duration signInDeadline, Integer perAddress) {

    public SocketSettings {
        signInDeadline = signInDeadline == null ? Duration.ofSeconds(5) : signInDeadline;
        perAddress = perAddress == null ? 20 : perAddress;
        if (signInDeadline.isNegative() || signInDeadline.isZero()) {
            throw new IllegalArgumentException("coderunner.sockets.sign-in-deadline must be positive, was " + signInDeadline);
        }
        if (perAddress < 1) {
            throw new IllegalArgumentException("coderunner.sockets.per-address must be at least 1, was " + perAddress);
        }
    }
}
