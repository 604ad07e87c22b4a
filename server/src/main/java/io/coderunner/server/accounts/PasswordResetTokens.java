package io.coderunner.server.accounts;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.persistence.Rows;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tokens of password reset links: random, stored only as a SHA-256 hash (as refresh tokens
 * are), valid for {@link #LIFETIME} and once. Resetting a password spends every other link of the
 * account too, so an older mail found later opens nothing.
 */
@Component
class PasswordResetTokens {

    static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final String PREFIX = "prt_";
    /** Rows past their expiry by this much are of no use, not even to read why a link was refused. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    private static final String INVALID = "this password reset link is unknown, expired or already used: ask for a new one";

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final Clock clock;

    PasswordResetTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new token for the user; only its hash is kept. */
    String issue(long userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        jdbc.sql("DELETE FROM password_reset_tokens WHERE expires_at < ?").param(now - KEPT_AFTER_EXPIRY.toMillis()).update();
        jdbc.sql("INSERT INTO password_reset_tokens (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(userId, RefreshTokens.hash(token), now, now + LIFETIME.toMillis()).update();
        return token;
    }

    /**
     * Uses a token up and returns its user; {@link BadRequestException} ({@link ProblemCodes#INVALID_RESET_TOKEN})
     * for one that is unknown, expired or used already. Of two requests with the same token only one spends it.
     */
    long spend(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            throw invalid();
        }
        long now = clock.millis();
        Row row = jdbc.sql("SELECT id, user_id, expires_at, used_at FROM password_reset_tokens WHERE token_hash = ?")
                .param(RefreshTokens.hash(token))
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("expires_at"),
                        Rows.longOrNull(rs, "used_at")))
                .optional()
                .orElseThrow(PasswordResetTokens::invalid);
        if (row.usedAt() != null || row.expiresAt() <= now) {
            throw invalid();
        }
        int spent = jdbc.sql("UPDATE password_reset_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL")
                .params(now, row.id()).update();
        if (spent == 0) {
            throw invalid();
        }
        return row.userId();
    }

    /** Every link of the user's that is still open stops working. */
    void spendAll(long userId) {
        jdbc.sql("UPDATE password_reset_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
                .params(clock.millis(), userId).update();
    }

    private static BadRequestException invalid() {
        return new BadRequestException(ProblemCodes.INVALID_RESET_TOKEN, INVALID);
    }

    private record Row(long id, long userId, long expiresAt, Long usedAt) {
    }
}
