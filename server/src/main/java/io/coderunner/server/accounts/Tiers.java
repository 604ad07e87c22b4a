package io.coderunner.server.accounts;

import io.coderunner.server.http.BadRequestException;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The tiers in force; other modules ask here for a user's limits. */
@Component
public class Tiers {

    private final Map<Integer, Tier> tiers;

    Tiers(TierSettings settings) {
        this.tiers = settings.tiers();
    }

    public Tier of(int level) {
        Tier tier = tiers.get(level);
        if (tier == null) {
            // A level that was configured once and removed since: the lowest tier applies.
            return tiers.values().iterator().next();
        }
        return tier;
    }

    public Collection<Tier> all() {
        return tiers.values();
    }

    /** Checks a level given in a request. */
    int requireLevel(Integer level) {
        if (level == null || !tiers.containsKey(level)) {
            throw new BadRequestException("user_level must be one of " + tiers.keySet() + ", was " + level);
        }
        return level;
    }
}
