package io.coderunner.server.accounts;

/**
 * A user level (seed 000, "User Levels System"). A negative number means unlimited.
 *
 * @param timeoutSeconds longest a run may take (its wall time)
 * @param memoryMb       memory a run may use
 * @param dailyAiRequests AI requests (code generation, help with errors) a day
 * @param maxEnvironments user environments (Python virtual environments, Node.js projects) a user may keep
 */
public record Tier(int level, String name, int dailyExecutions, int dailyApiCalls, int timeoutSeconds, int memoryMb,
                   int maxSavedCodes, int maxApiKeys, int dailyAiRequests, int maxEnvironments) {

    public static final int UNLIMITED = -1;

    public static boolean within(int used, int limit) {
        return limit < 0 || used < limit;
    }
}
