package io.coderunner.server.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in settings ({@code coderunner.auth.*}).
 *
 * @param accessTokenMinutes   lifetime of an access token (ACCESS_TOKEN_EXPIRE_MINUTES, seed 000: 30)
 * @param refreshTokenDays     lifetime of a refresh token (REFRESH_TOKEN_EXPIRE_DAYS, seed 003: 30)
 * @param jwtSecret            the key access tokens are signed with (SECRET_KEY); empty: one is made
 *                             at first start and kept in the data directory
 * @param maxFailedLogins      failed sign-ins in a row that lock an account
 * @param lockoutMinutes       how long a locked account stays locked
 * @param loginsPerMinutePerIp sign-in attempts one address may make in a minute
 * @param registrationsPerHourPerIp accounts one address may register in an hour (POST /register)
 * @param adminUsername        the administrator made at first start
 * @param adminPassword        their password (CODERUNNER_ADMIN_PASSWORD); empty: one is generated and logged once
 * @param registrationOpen     whether anyone may register (POST /register)
 * @param passwordResetsPerHourPerIp      password reset mails one address may ask for in an hour (POST /forgot-password)
 * @param passwordResetsPerHourPerAccount password reset mails one e-mail address may be sent in an hour, whoever asks
 */
@ConfigurationProperties("coderunner.auth")
record AuthSettings(Integer accessTokenMinutes, Integer refreshTokenDays, String jwtSecret, Integer maxFailedLogins,
                    Integer lockoutMinutes, Integer loginsPerMinutePerIp, String adminUsername, String adminPassword,
                    Boolean registrationOpen, Integer registrationsPerHourPerIp, Integer passwordResetsPerHourPerIp,
                    Integer passwordResetsPerHourPerAccount) {

    AuthSettings {
        accessTokenMinutes = positive("access-token-minutes", accessTokenMinutes, 30);
        refreshTokenDays = positive("refresh-token-days", refreshTokenDays, 30);
        maxFailedLogins = positive("max-failed-logins", maxFailedLogins, 5);
        lockoutMinutes = positive("lockout-minutes", lockoutMinutes, 15);
        loginsPerMinutePerIp = positive("logins-per-minute-per-ip", loginsPerMinutePerIp, 20);
        registrationsPerHourPerIp = positive("registrations-per-hour-per-ip", registrationsPerHourPerIp, 10);
        passwordResetsPerHourPerIp = positive("password-resets-per-hour-per-ip", passwordResetsPerHourPerIp, 10);
        passwordResetsPerHourPerAccount = positive("password-resets-per-hour-per-account", passwordResetsPerHourPerAccount, 3);
        adminUsername = adminUsername == null || adminUsername.isBlank() ? "admin" : adminUsername.strip();
        registrationOpen = registrationOpen == null || registrationOpen;
        if (jwtSecret != null && !jwtSecret.isBlank() && jwtSecret.length() < 32) {
            throw new IllegalArgumentException("coderunner.auth.jwt-secret (SECRET_KEY) must be at least 32 characters");
        }
    }

    private static int positive(String name, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("coderunner.auth." + name + " must be at least 1, was " + value);
        }
        return value;
    }
}
