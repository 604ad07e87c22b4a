package io.coderunner.server.accounts;

/**
 * A user level (seed 000, "User Levels System"). A negative number means unlimited.
 *
 * @param timeoutSeconds longest a run may take (its wall time)
 * @param memoryMb       memory a run may use
 * @param dailyAiRequests AI requests (code generation, help with errors) a day
 * @param maxEnvironments user environments (Python virtual environments, Node.js projects) a user may keep
 * @param network         whether the level's sandboxes may reach the network (cloning a repository, for one)
 * @param terminals       what the level's terminal sessions may have
 * @param sandboxes       what the level's long-lived sandboxes may have
 */
public record Tier(int level, String name, int dailyExecutions, int dailyApiCalls, int timeoutSeconds, int memoryMb,
                   int maxSavedCodes, int maxApiKeys, int dailyAiRequests, int maxEnvironments, boolean network,
                   TerminalLimits terminals, SandboxLimits sandboxes) {

    public static final int UNLIMITED = -1;

    public static boolean within(int used, int limit) {
        return limit < 0 || used < limit;
    }

    /**
     * Terminal sessions (seed 003's CCResearch terminal).
     *
     * @param sessions        sessions open at once
     * @param memoryMb        memory of all processes of one session together
     * @param cpuCores        share of the host's CPUs one session gets
     * @param idleSeconds     a session nobody typed into or watched for this long is ended
     * @param lifetimeSeconds a session is ended this long after it started, whatever it does
     */
    public record TerminalLimits(int sessions, int memoryMb, double cpuCores, long idleSeconds, long lifetimeSeconds) {

        public static final long DEFAULT_IDLE_SECONDS = 2 * 3600;
        public static final long DEFAULT_LIFETIME_SECONDS = 24 * 3600;

        public static TerminalLimits of(int sessions, int memoryMb, double cpuCores) {
            return new TerminalLimits(sessions, memoryMb, cpuCores, DEFAULT_IDLE_SECONDS, DEFAULT_LIFETIME_SECONDS);
        }
    }

    /**
     * Long-lived sandboxes (seed 001's sandbox platform).
     *
     * @param started  sandboxes started at once
     * @param total    sandboxes kept, in any state
     * @param cpuCores most CPU share one sandbox may ask for
     * @param memoryMb most memory one sandbox may ask for
     * @param diskMb   most disk one sandbox's home may fill
     */
    public record SandboxLimits(int started, int total, double cpuCores, int memoryMb, int diskMb) {
    }
}
