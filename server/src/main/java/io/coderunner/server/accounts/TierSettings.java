package io.coderunner.server.accounts;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The tiers, configurable without code changes: {@code coderunner.tiers.levels.<n>.<field>}, or as
 * environment variables, e.g. {@code CODERUNNER_TIERS_LEVELS_1_DAILYEXECUTIONS=25}. A level that
 * is not configured keeps seed 000's figures (and the daily AI requests, which seed 000 does not
 * give: 20, 100, 500, unlimited); -1 means unlimited.
 */
@ConfigurationProperties("coderunner.tiers")
record TierSettings(Map<Integer, TierOverride> levels) {

    static final Map<Integer, Tier> SEED = Map.of(
            // Environments: seed 004 gives a user who is not an administrator one; higher tiers a few more.
            1, new Tier(1, "Free", 10, 20, 30, 128, 5, 2, 20, 1),
            2, new Tier(2, "Basic", 50, 100, 60, 256, 20, 5, 100, 2),
            3, new Tier(3, "Premium", 200, 500, 120, 512, 100, 10, 500, 5),
            4, new Tier(4, "Enterprise", Tier.UNLIMITED, Tier.UNLIMITED, 300, 1024, Tier.UNLIMITED, Tier.UNLIMITED,
                    Tier.UNLIMITED, 20));

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
    }

    record TierOverride(String name, Integer dailyExecutions, Integer dailyApiCalls, Integer timeoutSeconds, Integer memoryMb,
                        Integer maxSavedCodes, Integer maxApiKeys, Integer dailyAiRequests, Integer maxEnvironments) {

        Tier over(int level, Tier base) {
            if (base == null && (name == null || timeoutSeconds == null || memoryMb == null)) {
                throw new IllegalArgumentException("coderunner.tiers.levels." + level
                        + " is a new level: it needs at least name, timeout-seconds and memory-mb");
            }
            Tier b = base != null ? base : new Tier(level, name, Tier.UNLIMITED, Tier.UNLIMITED, timeoutSeconds, memoryMb,
                    Tier.UNLIMITED, Tier.UNLIMITED, Tier.UNLIMITED, 1);
            return new Tier(level, name != null ? name : b.name(),
                    dailyExecutions != null ? dailyExecutions : b.dailyExecutions(),
                    dailyApiCalls != null ? dailyApiCalls : b.dailyApiCalls(),
                    timeoutSeconds != null ? timeoutSeconds : b.timeoutSeconds(),
                    memoryMb != null ? memoryMb : b.memoryMb(),
                    maxSavedCodes != null ? maxSavedCodes : b.maxSavedCodes(),
                    maxApiKeys != null ? maxApiKeys : b.maxApiKeys(),
                    dailyAiRequests != null ? dailyAiRequests : b.dailyAiRequests(),
                    maxEnvironments != null ? maxEnvironments : b.maxEnvironments());
        }
    }
}
