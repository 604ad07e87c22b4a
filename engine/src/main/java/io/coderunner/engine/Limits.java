package io.coderunner.engine;

import java.time.Duration;

/**
 * Resource limits for one stage of a run. Every field is a hard ceiling enforced by the kernel
 * (cgroups, rlimits, tmpfs size) or by the engine's watchdog (wall time, output).
 *
 * @param wallTimeMs     wall-clock time from start to exit
 * @param cpuTimeMs      CPU time summed over every process of the run
 * @param memoryBytes    resident memory of all processes together (no swap)
 * @param maxProcesses   processes and threads alive at once
 * @param maxOutputBytes bytes kept per output stream; more ends the run with OUTPUT_LIMIT
 * @param maxFileBytes   size of any one file the program writes
 * @param diskBytes      total size of the work directory and of /tmp, each
 * @param maxOpenFiles   open file descriptors per process
 * @param networkAccess  what the run may reach over the network, if anything
 */
public record Limits(
        long wallTimeMs,
        long cpuTimeMs,
        long memoryBytes,
        int maxProcesses,
        long maxOutputBytes,
        long maxFileBytes,
        long diskBytes,
        int maxOpenFiles,
        NetworkAccess networkAccess) {

    public static final long MIB = 1024L * 1024L;

    /** Modest defaults suited to a single exercise. */
    public static Limits defaults() {
        return new Limits(10_000, 5_000, 256 * MIB, 64, MIB, 16 * MIB, 64 * MIB, 256, false);
    }

    /** Limits whose network is none or public, as most stages have. */
    public Limits(long wallTimeMs, long cpuTimeMs, long memoryBytes, int maxProcesses, long maxOutputBytes,
                  long maxFileBytes, long diskBytes, int maxOpenFiles, boolean network) {
        this(wallTimeMs, cpuTimeMs, memoryBytes, maxProcesses, maxOutputBytes, maxFileBytes, diskBytes, maxOpenFiles,
                network ? NetworkAccess.PUBLIC : NetworkAccess.NONE);
    }

    public Limits {
        java.util.Objects.requireNonNull(networkAccess, "networkAccess");
        requirePositive("wallTimeMs", wallTimeMs);
        requirePositive("cpuTimeMs", cpuTimeMs);
        requirePositive("memoryBytes", memoryBytes);
        requirePositive("maxProcesses", maxProcesses);
        requirePositive("maxOutputBytes", maxOutputBytes);
        requirePositive("maxFileBytes", maxFileBytes);
        requirePositive("diskBytes", diskBytes);
        requirePositive("maxOpenFiles", maxOpenFiles);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Whether the run has a network at all. */
    public boolean network() {
        return networkAccess.any();
    }

    public Duration wallTime() {
        return Duration.ofMillis(wallTimeMs);
    }

    /** Each limit the lower of this and {@code ceiling}; of the network, what both allow. */
    public Limits cappedBy(Limits ceiling) {
        return new Limits(
                Math.min(wallTimeMs, ceiling.wallTimeMs),
                Math.min(cpuTimeMs, ceiling.cpuTimeMs),
                Math.min(memoryBytes, ceiling.memoryBytes),
                Math.min(maxProcesses, ceiling.maxProcesses),
                Math.min(maxOutputBytes, ceiling.maxOutputBytes),
                Math.min(maxFileBytes, ceiling.maxFileBytes),
                Math.min(diskBytes, ceiling.diskBytes),
                Math.min(maxOpenFiles, ceiling.maxOpenFiles),
                networkAccess.cappedBy(ceiling.networkAccess));
    }

    public Limits withWallTimeMs(long value) {
        return new Limits(value, cpuTimeMs, memoryBytes, maxProcesses, maxOutputBytes, maxFileBytes, diskBytes, maxOpenFiles, networkAccess);
    }

    public Limits withCpuTimeMs(long value) {
        return new Limits(wallTimeMs, value, memoryBytes, maxProcesses, maxOutputBytes, maxFileBytes, diskBytes, maxOpenFiles, networkAccess);
    }

    public Limits withMemoryBytes(long value) {
        return new Limits(wallTimeMs, cpuTimeMs, value, maxProcesses, maxOutputBytes, maxFileBytes, diskBytes, maxOpenFiles, networkAccess);
    }

    public Limits withMaxProcesses(int value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, value, maxOutputBytes, maxFileBytes, diskBytes, maxOpenFiles, networkAccess);
    }

    public Limits withMaxOutputBytes(long value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, maxProcesses, value, maxFileBytes, diskBytes, maxOpenFiles, networkAccess);
    }

    public Limits withMaxFileBytes(long value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, maxProcesses, maxOutputBytes, value, diskBytes, maxOpenFiles, networkAccess);
    }

    public Limits withDiskBytes(long value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, maxProcesses, maxOutputBytes, maxFileBytes, value, maxOpenFiles, networkAccess);
    }

    public Limits withNetwork(boolean value) {
        return withNetwork(value ? NetworkAccess.PUBLIC : NetworkAccess.NONE);
    }

    public Limits withNetwork(NetworkAccess value) {
        return new Limits(wallTimeMs, cpuTimeMs, memoryBytes, maxProcesses, maxOutputBytes, maxFileBytes, diskBytes, maxOpenFiles, value);
    }
}
