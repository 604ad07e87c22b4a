package io.coderunner.server.accounts;

import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.persistence.Rows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refresh tokens: random, stored only as a SHA-256 hash, used once. Using one gives a new one of the
 * same family (one sign-in); using one a second time means it was stolen or replayed, and ends
 * the whole family. Signing out ends the family too.
 */
@Component
class RefreshTokens {

    private static final String PREFIX = "rt_";
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;

    RefreshTokens(JdbcClient jdbc, Clock clock, AuthSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = Duration.ofDays(settings.refreshTokenDays());
    }

    /** A token of a new family, for a new sign-in. */
    String issue(long userId) {
        return issue(userId, UUID.randomUUID().toString());
    }

    private String issue(long userId, String family) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        jdbc.sql("INSERT INTO refresh_tokens (user_id, token_hash, family, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(userId, hash(token), family, now, now + lifetime.toMillis()).update();
        return token;
    }

    record Rotated(long userId, String token) {
    }

    /** Spends a token and gives the next one of its family. A replay's revocation is kept though it is refused. */
    @Transactional(noRollbackFor = InvalidCredentialsException.class)
    Rotated rotate(String token) {
        Row row = find(token);
        long now = clock.millis();
        if (row.usedAt() != null) {
            revokeFamily(row.family(), now);
            throw new InvalidCredentialsException("refresh token was already used: for safety every session of that "
                    + "sign-in has been ended; sign in again");
        }
        // Marked used only if no one else spent it in the meantime.
        int spent = jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL").params(now, row.id()).update();
        if (spent == 0) {
            revokeFamily(row.family(), now);
            throw new InvalidCredentialsException("refresh token was already used; sign in again");
        }
        return new Rotated(row.userId(), issue(row.userId(), row.family()));
    }

    /** Ends the sign-in the token belongs to; returns its user. */
    long revoke(String token) {
        Row row = find(token);
        revokeFamily(row.family(), clock.millis());
        return row.userId();
    }

    void revokeAll(long userId) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(clock.millis(), userId).update();
    }

    private Row find(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            throw new InvalidCredentialsException("refresh_token is missing or not a refresh token");
        }
        Row row = jdbc.sql("SELECT id, user_id, family, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?")
                .param(hash(token))
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("user_id"), rs.getString("family"),
                        rs.getLong("expires_at"), Rows.longOrNull(rs, "used_at"),
                        Rows.longOrNull(rs, "revoked_at")))
                .optional()
                .orElseThrow(() -> new InvalidCredentialsException("refresh token is not valid"));
        if (row.revokedAt() != null) {
            throw new InvalidCredentialsException("refresh token was revoked: sign in again");
        }
        if (row.expiresAt() <= clock.millis()) {
            throw new InvalidCredentialsException("refresh token expired: sign in again");
        }
        return row;
    }

    private void revokeFamily(String family, long now) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL").params(now, family).update();
    }

    private record Row(long id, long userId, String family, long expiresAt, Long usedAt, Long revokedAt) {
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
