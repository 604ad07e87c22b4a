package io.coderunner.engine;

/**
 * @param runtime   the isolation runtime: bubblewrap, gvisor or unsafe-process
 * @param cgroups   how limits are enforced: cgroup v1, cgroup v2 or none
 * @param slots     how many runs may execute at once
 * @param isolated  false only for the development runtime, which does not contain programs
 */
public record SandboxInfo(String runtime, String cgroups, int slots, boolean isolated) {
}
