package io.coderunner.server.accounts;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The tiers, configurable without code changes: {@code coderunner.tiers.levels.<n>.<field>}, or as
 * environment variables, e.g. {@code CODERUNNER_TIERS_LEVELS_1_DAILYEXECUTIONS=25}. A level that
 * is not configured keeps seed 000's figures (and the daily AI requests, which seed 000 does not
 * give: 20, 100, 500, unlimited); -1 means unlimited. Besides seed 000's figures a level has
 * {@code max-environments}, {@code network} (may its sandboxes reach the network) and its terminal
 * sessions' figures: {@code terminal-sessions}, {@code terminal-memory-mb}, {@code terminal-cpu-cores},
 * {@code terminal-idle-seconds} (default 2 h) and {@code terminal-lifetime-seconds} (default 24 h); and
 * its long-lived sandboxes': {@code sandboxes-started} (at once), {@code sandboxes-total},
 * {@code sandbox-cpu-cores}, {@code sandbox-memory-mb} and {@code sandbox-disk-mb} (most one sandbox may have).
 */
@ConfigurationProperties("coderunner.tiers")
record TierSettings(Map<Integer, TierOverride> levels) {

    // Seed 000's figures; the network and terminal figures are this product's (seed 003 names none).
    static final Map<Integer, Tier> SEED = Map.of(
            // Environments: seed 004 gives a user who is not an administrator one; higher tiers a few more.
            1, new Tier(1, "Free", 10, 20, 30, 128, 5, 2, 20, 1, false, Tier.TerminalLimits.of(1, 256, 0.5),
                    new Tier.SandboxLimits(1, 3, 1.0, 512, 1024)),
            2, new Tier(2, "Basic", 50, 100, 60, 256, 20, 5, 100, 2, false, Tier.TerminalLimits.of(2, 512, 1.0),
                    new Tier.SandboxLimits(2, 10, 1.0, 1024, 2048)),
            3, new Tier(3, "Premium", 200, 500, 120, 512, 100, 10, 500, 5, true, Tier.TerminalLimits.of(3, 1024, 1.0),
                    new Tier.SandboxLimits(5, 25, 2.0, 2048, 5120)),
            4, new Tier(4, "Enterprise", Tier.UNLIMITED, Tier.UNLIMITED, 300, 1024, Tier.UNLIMITED, Tier.UNLIMITED,
                    Tier.UNLIMITED, 20, true, Tier.TerminalLimits.of(5, 2048, 2.0),
                    new Tier.SandboxLimits(20, 200, 2.0, 4096, 10240)));

    TierSettings {
        levels = levels == null ? Map.of() : Map.copyOf(levels);
    }

    /** The effective tiers, by level. */
    Map<Integer, Tier> tiers() {
        Map<Integer, Tier> tiers = new TreeMap<>(SEED);
        levels.forEach((level, override) -> tiers.put(level, override.over(level, SEED.get(level))));
        tiers.values().forEach(TierSettings::validate);
        return tiers;
    }

    private static void validate(Tier tier) {
        if (tier.timeoutSeconds() < 1 || tier.memoryMb() < 16) {
            throw new IllegalArgumentException("coderunner.tiers.levels." + tier.level()
                    + ": timeout-seconds must be at least 1 and memory-mb at least 16");
        }
        Tier.TerminalLimits t = tier.terminals();
        if (t.sessions() < 0 || t.memoryMb() < 32 || !(t.cpuCores() >= 0.01) || t.idleSeconds() < 1 || t.lifetimeSeconds() < 1) {
            throw new IllegalArgumentException("coderunner.tiers.levels." + tier.level() + ": terminal-sessions must not be "
                    + "negative, terminal-memory-mb must be at least 32, terminal-cpu-cores at least 0.01, and "
                    + "terminal-idle-seconds and terminal-lifetime-seconds at least 1");
        }
        Tier.SandboxLimits x = tier.sandboxes();
        if (x.started() < 0 || x.total() < x.started() || x.memoryMb() < 64 || !(x.cpuCores() >= 0.01) || x.diskMb() < 16) {
            throw new IllegalArgumentException("coderunner.tiers.levels." + tier.level() + ": sandboxes-started must not be "
                    + "negative nor above sandboxes-total, sandbox-memory-mb must be at least 64, sandbox-cpu-cores at least "
                    + "0.01 and sandbox-disk-mb at least 16");
        }
    }

    record TierOverride(String name, Integer dailyExecutions, Integer dailyApiCalls, Integer timeoutSeconds, Integer memoryMb,
                        Integer maxSavedCodes, Integer maxApiKeys, Integer dailyAiRequests, Integer maxEnvironments,
                        Boolean network, Integer terminalSessions, Integer terminalMemoryMb, Double terminalCpuCores,
                        Long terminalIdleSeconds, Long terminalLifetimeSeconds, Integer sandboxesStarted,
                        Integer sandboxesTotal, Double sandboxCpuCores, Integer sandboxMemoryMb, Integer sandboxDiskMb) {

        Tier over(int level, Tier base) {
            if (base == null && (name == null || timeoutSeconds == null || memoryMb == null)) {
                throw new IllegalArgumentException("coderunner.tiers.levels." + level
                        + " is a new level: it needs at least name, timeout-seconds and memory-mb");
            }
            Tier b = base != null ? base : new Tier(level, name, Tier.UNLIMITED, Tier.UNLIMITED, timeoutSeconds, memoryMb,
                    Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, 1, false, Tier.TerminalLimits.of(1, 256, 0.5),
                    new Tier.SandboxLimits(1, 3, 1.0, 512, 1024));
            Tier.TerminalLimits t = b.terminals();
            Tier.SandboxLimits x = b.sandboxes();
            return new Tier(level, name != null ? name : b.name(),
                    dailyExecutions != null ? dailyExecutions : b.dailyExecutions(),
                    dailyApiCalls != null ? dailyApiCalls : b.dailyApiCalls(),
                    timeoutSeconds != null ? timeoutSeconds : b.timeoutSeconds(),
                    memoryMb != null ? memoryMb : b.memoryMb(),
                    maxSavedCodes != null ? maxSavedCodes : b.maxSavedCodes(),
                    maxApiKeys != null ? maxApiKeys : b.maxApiKeys(),
                    dailyAiRequests != null ? dailyAiRequests : b.dailyAiRequests(),
                    maxEnvironments != null ? maxEnvironments : b.maxEnvironments(),
                    network != null ? network : b.network(),
                    new Tier.TerminalLimits(
                            terminalSessions != null ? terminalSessions : t.sessions(),
                            terminalMemoryMb != null ? terminalMemoryMb : t.memoryMb(),
                            terminalCpuCores != null ? terminalCpuCores : t.cpuCores(),
                            terminalIdleSeconds != null ? terminalIdleSeconds : t.idleSeconds(),
                            terminalLifetimeSeconds != null ? terminalLifetimeSeconds : t.lifetimeSeconds()),
                    new Tier.SandboxLimits(
                            sandboxesStarted != null ? sandboxesStarted : x.started(),
                            sandboxesTotal != null ? sandboxesTotal : x.total(),
                            sandboxCpuCores != null ? sandboxCpuCores : x.cpuCores(),
                            sandboxMemoryMb != null ? sandboxMemoryMb : x.memoryMb(),
                            sandboxDiskMb != null ? sandboxDiskMb : x.diskMb()));
        }
    }
}
