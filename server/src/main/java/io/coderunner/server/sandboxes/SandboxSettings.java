package io.coderunner.server.sandboxes;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of long-lived sandboxes ({@code coderunner.sandboxes.*}); how many and how large a
 * user's may be are the tiers' ({@code coderunner.tiers}).
 *
 * @param reaperIntervalMs how often idle sandboxes are stopped, and stopped ones archived or deleted
 * @param minute           how long a minute of auto-stop, auto-archive and auto-delete lasts (60 s; a
 *                         test server shortens it to see them happen)
 */
@ConfigurationProperties("coderunner.sandboxes")
record SandboxSettings(Long reaperIntervalMs, java.time.Duration minute) {

    SandboxSettings {
        reaperIntervalMs = reaperIntervalMs == null ? 30_000L : reaperIntervalMs;
        minute = minute == null ? java.time.Duration.ofMinutes(1) : minute;
        if (minute.toMillis() < 1) {
            throw new IllegalArgumentException("coderunner.sandboxes.minute must be at least 1 ms, was " + minute);
        }
        if (reaperIntervalMs < 10) {
            throw new IllegalArgumentException("coderunner.sandboxes.reaper-interval-ms must be at least 10, was " + reaperIntervalMs);
        }
    }
}
