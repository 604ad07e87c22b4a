package io.coderunner.server.sandboxes;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of long-lived sandboxes ({@code coderunner.sandboxes.*}); how many and how large a
 * user's may be are the tiers' ({@code coderunner.tiers}).
 *
 * @param reaperIntervalMs how often idle sandboxes are stopped, and stopped ones archived or deleted
 */
@ConfigurationProperties("coderunner.sandboxes")
record SandboxSettings(Long reaperIntervalMs) {

    SandboxSettings {
        reaperIntervalMs = reaperIntervalMs == null ? 30_000L : reaperIntervalMs;
        if (reaperIntervalMs < 10) {
            throw new IllegalArgumentException("coderunner.sandboxes.reaper-interval-ms must be at least 10, was " + reaperIntervalMs);
        }
    }
}
