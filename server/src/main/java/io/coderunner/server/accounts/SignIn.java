package io.coderunner.server.accounts;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.http.LockedException;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Signing in, refreshing and signing out. Every attempt is logged. After {@code maxFailedLogins}
 * wrong passwords in a row an account is locked for {@code lockoutMinutes}; while locked, even the
 * right password is refused.
 */
@Service
class SignIn {

    private final UserRepository users;
    private final UserCache cache;
    private final PasswordHasher passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final AuthSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SignIn(UserRepository users, UserCache cache, PasswordHasher passwords, AccessTokens accessTokens,
           RefreshTokens refreshTokens, LoginThrottle throttle, AuthSettings settings, ApplicationEventPublisher events,
           Clock clock) {
        this.users = users;
        this.cache = cache;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    TokenPair login(String login, String password, String address) {
        throttle.check(address);
        if (login == null || login.isBlank() || password == null) {
            throw new BadRequestException("username and password are required");
        }
        Optional<StoredUser> found = users.findByLogin(login.strip());
        if (found.isEmpty()) {
            passwords.spendTimeOfOneCheck(password);
            events.publishEvent(AuditEvent.failure(null, login, "login", "user", null, "unknown user"));
            throw new InvalidCredentialsException("wrong username or password");
        }
        StoredUser user = found.get();
        long now = clock.millis();
        if (user.lockedAt(now)) {
            passwords.spendTimeOfOneCheck(password);
            events.publishEvent(AuditEvent.failure(user.id(), user.username(), "login", "user", user.id(), "account locked"));
            throw new LockedException("account is locked after too many failed sign-ins until "
                    + Timestamps.iso(user.lockedUntil()) + "; try again then");
        }
        if (!passwords.matches(password, user.passwordHash())) {
            int failures = users.recordFailedLogin(user.id());
            String details = "wrong password (" + failures + " of " + settings.maxFailedLogins() + ")";
            if (failures >= settings.maxFailedLogins()) {
                long until = now + settings.lockoutMinutes() * 60_000L;
                users.lockUntil(user.id(), until);
                details = "wrong password; account locked until " + Timestamps.iso(until);
            }
            events.publishEvent(AuditEvent.failure(user.id(), user.username(), "login", "user", user.id(), details));
            throw new InvalidCredentialsException("wrong username or password");
        }
        if (!user.active()) {
            events.publishEvent(AuditEvent.failure(user.id(), user.username(), "login", "user", user.id(), "account disabled"));
            throw new ForbiddenException("the account is disabled: ask an administrator");
        }
        users.recordSuccessfulLogin(user.id());
        events.publishEvent(AuditEvent.success(user.id(), user.username(), "login", "user", user.id(), null));
        return tokens(user, refreshTokens.issue(user.id()));
    }

    TokenPair refresh(String refreshToken) {
        RefreshTokens.Rotated rotated = refreshTokens.rotate(refreshToken);
        StoredUser user = cache.get(rotated.userId())
                .filter(StoredUser::active)
                .orElseThrow(() -> new InvalidCredentialsException("the account is disabled or no longer exists"));
        return tokens(user, rotated.token());
    }

    void logout(String refreshToken) {
        long userId = refreshTokens.revoke(refreshToken);
        events.publishEvent(AuditEvent.success(userId, cache.get(userId).map(StoredUser::username).orElse(null),
                "logout", "user", userId, null));
    }

    private TokenPair tokens(StoredUser user, String refreshToken) {
        return new TokenPair(accessTokens.issue(user), "bearer", accessTokens.lifetime().toSeconds(), refreshToken,
                UserView.of(user));
    }
}
