package io.coderunner.engine.cgroup;

import io.coderunner.engine.Limits;

/** Where and how this host lets the engine make control groups. */
public interface CgroupSystem {

    /** A new group for one stage, with the memory and process limits applied. */
    RunCgroup create(String name, Limits limits);

    /**
     * A new group whose processes together get at most {@code cpuCores} of the host's CPU time per
     * period (the kernel's CFS quota): for long-lived sessions, which have no CPU-time budget.
     * Hosts that cannot limit CPU give a group without that limit.
     */
    default RunCgroup create(String name, Limits limits, double cpuCores) {
        return create(name, limits);
    }

    /** For status pages: "cgroup v1", "cgroup v2" or "none". */
    String description();

    /** False when limits on memory and processes cannot be enforced on this host. */
    boolean enforcing();

    /** Removes the engine's own group once every stage group in it is gone. */
    default void close() {
    }

    /** The system this host offers: v2 when its controllers are usable, else v1, else none. */
    static CgroupSystem detect(String groupName) {
        return CgroupDetector.detect(groupName);
    }
}
