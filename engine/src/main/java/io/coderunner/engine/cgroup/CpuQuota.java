package io.coderunner.engine.cgroup;

/** A share of the host's CPUs as the kernel's CFS quota: microseconds of CPU time per period. */
final class CpuQuota {

    static final long PERIOD_MICROS = 100_000;

    private CpuQuota() {
    }

    static long microsPerPeriod(double cores) {
        if (!(cores > 0)) {
            throw new IllegalArgumentException("a CPU limit must be positive, was " + cores);
        }
        // The kernel refuses quotas under 1 ms.
        return Math.max(1_000, Math.round(cores * PERIOD_MICROS));
    }
}
