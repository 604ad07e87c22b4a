package io.coderunner.server.execution;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a caller who is not signed in may run ({@code coderunner.anonymous.*}; environment e.g.
 * {@code CODERUNNER_ANONYMOUS_TIMEOUTSECONDS=10}). The run limits are capped at the lowest tier's
 * (Free's): signing up must never give less than staying anonymous.
 *
 * @param timeoutSeconds      longest an anonymous run may take (wall and CPU time); default and cap: the lowest tier's
 * @param memoryMb            memory an anonymous run may use; default and cap: the lowest tier's
 * @param runsPerMinutePerIp  anonymous runs one client address may start in a minute
 * @param slots               execution slots anonymous runs may hold at once (running or waiting);
 *                            default half the slots, at least 1; at most all of them
 * @param allowed             whether visitors may run programs at all (default yes)
 *
 * Whether they may, and the rate, are defaults: an administrator changes them while the server runs
 * (GET/PUT /admin/settings), and what they set is kept in the database.
 */
@ConfigurationProperties("coderunner.anonymous")
record AnonymousSettings(Integer timeoutSeconds, Integer memoryMb, Integer runsPerMinutePerIp, Integer slots, Boolean allowed) {

    AnonymousSettings {
        // Seed 002: visitors may run, 30 runs a minute from one address.
        runsPerMinutePerIp = runsPerMinutePerIp == null ? 30 : runsPerMinutePerIp;
        allowed = allowed == null || allowed;
        if (timeoutSeconds != null && timeoutSeconds < 1 || memoryMb != null && memoryMb < 16 || runsPerMinutePerIp < 1
                || slots != null && slots < 1) {
            throw new IllegalArgumentException("coderunner.anonymous: timeout-seconds, runs-per-minute-per-ip and slots must "
                    + "be at least 1, memory-mb at least 16");
        }
    }

    /** The slots of {@code total} anonymous runs may hold: the setting, or half, at least one. */
    int slotsOf(int total) {
        return Math.min(total, slots != null ? slots : Math.max(1, total / 2));
    }
}
