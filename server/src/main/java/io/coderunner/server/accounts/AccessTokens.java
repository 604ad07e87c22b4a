package io.coderunner.server.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.TokenAuthenticator;
import io.coderunner.server.system.CodeRunnerSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Access tokens: JWTs signed with HS256 (Spring Security's Nimbus encoder and decoder), carrying
 * the user's id. Checking one also checks the user as stored now: a disabled account, or a token
 * issued before the password last changed, is refused even before the token expires.
 */
@Component
class AccessTokens implements TokenAuthenticator {

    /** When the token was issued, to the millisecond (JWT's iat has whole seconds only). */
    private static final String ISSUED_MS = "issued_ms";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final UserCache users;
    private final Clock clock;
    private final Duration lifetime;

    AccessTokens(AuthSettings auth, CodeRunnerSettings settings, UserCache users, Clock clock) {
        SecretKey key = SigningKey.load(auth, settings);
        this.encoder = NimbusJwtEncoder.withSecretKey(key).build();
        this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        this.users = users;
        this.clock = clock;
        this.lifetime = Duration.ofMinutes(auth.accessTokenMinutes());
    }

    Duration lifetime() {
        return lifetime;
    }

    String issue(StoredUser user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(Long.toString(user.id()))
                .claim("username", user.username())
                .claim(ISSUED_MS, now.toEpochMilli())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .id(UUID.randomUUID().toString())
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    @Override
    public boolean supports(String token) {
        return !token.startsWith("sk-");
    }

    /** What a checked token said; kept so that a token used again is not parsed and verified again. */
    private record Verified(long userId, long issuedMs, Instant expiresAt) {
    }

    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(50_000).build();

    @Override
    public Caller authenticate(String token) {
        Verified claims = verified.getIfPresent(token);
        if (claims == null || !clock.instant().isBefore(claims.expiresAt())) {
            claims = verify(token);
            verified.put(token, claims);
        }
        StoredUser user = users.get(claims.userId())
                .orElseThrow(() -> new InvalidCredentialsException("the account of this access token no longer exists"));
        if (!user.active()) {
            throw new InvalidCredentialsException("the account is disabled");
        }
        if (claims.issuedMs() < user.tokensValidAfter()) {
            throw new InvalidCredentialsException("access token was revoked (the password changed or the account "
                    + "signed out everywhere): sign in again");
        }
        return Caller.user(user.id(), user.username(), user.admin(), user.level());
    }

    @Override
    public Instant expiresAt(String token) {
        Verified claims = verified.getIfPresent(token);
        return (claims != null ? claims : verify(token)).expiresAt();
    }

    /** Parses the token and checks its signature and expiry. */
    private Verified verify(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtValidationException e) {
            boolean expired = e.getErrors().stream().anyMatch(error -> error.getDescription().contains("expired"));
            throw new InvalidCredentialsException(expired ? "access token expired: sign in again or use your refresh token"
                    : "access token is not valid: " + e.getErrors().iterator().next().getDescription());
        } catch (BadJwtException e) {
            throw new InvalidCredentialsException("access token is not valid: malformed or not signed by this server");
        } catch (JwtException e) {
            throw new InvalidCredentialsException("access token is not valid");
        }
        long userId;
        try {
            userId = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            throw new InvalidCredentialsException("access token is not valid: no user in it");
        }
        if (!(jwt.getClaims().get(ISSUED_MS) instanceof Number issued) || jwt.getExpiresAt() == null) {
            throw new InvalidCredentialsException("access token is not valid: not issued by this server");
        }
        return new Verified(userId, issued.longValue(), jwt.getExpiresAt());
    }
}
