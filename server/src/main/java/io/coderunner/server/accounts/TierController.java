package io.coderunner.server.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tiers and their limits, for anyone deciding which to ask for. */
@RestController
@Tag(name = "Accounts")
class TierController {

    private final Tiers tiers;

    TierController(Tiers tiers) {
        this.tiers = tiers;
    }

    /** As seed 000's user_levels: by level, each with its limits; -1 means unlimited. */
    @GetMapping("/user-levels")
    @PermitAll
    @Operation(summary = "The user levels (tiers) and their limits; -1 is unlimited")
    Map<String, TierView> levels() {
        Map<String, TierView> levels = new LinkedHashMap<>();
        tiers.all().forEach(tier -> levels.put(Integer.toString(tier.level()), TierView.of(tier)));
        return levels;
    }

    /** @param sandboxes what the level's long-lived sandboxes may have (started at once, kept, CPU, memory, disk) */
    record TierView(int level, String name, int dailyExecutions, int dailyApiCalls, int maxExecutionTime, int maxMemoryMb,
                    int maxSavedCodes, int maxApiKeys, int dailyAiRequests, int maxEnvironments, Tier.SandboxLimits sandboxes) {
        static TierView of(Tier t) {
            return new TierView(t.level(), t.name(), t.dailyExecutions(), t.dailyApiCalls(), t.timeoutSeconds(), t.memoryMb(),
                    t.maxSavedCodes(), t.maxApiKeys(), t.dailyAiRequests(), t.maxEnvironments(), t.sandboxes());
        }
    }
}
