package io.coderunner.server.execution;

import io.coderunner.engine.Limits;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sandbox's settings (environment: CODERUNNER_SANDBOX_RUNTIME, CODERUNNER_SANDBOX_SLOTS, ...).
 *
 * @param runtime      bubblewrap (default), gvisor, or unsafe-process (development only)
 * @param slots        runs executing at once; 0 means one per core
 * @param queueLength  runs allowed to wait for a slot before the API answers 429
 * @param uidBase      first host uid of the slots when the server runs as root
 * @param allowUnsafe  must be true for the unsafe-process runtime
 * @param defaults     limits of a run that asks for none
 * @param maximums     the most any run may ask for
 */
@ConfigurationProperties("coderunner.sandbox")
public record SandboxSettings(
        String runtime,
        Integer slots,
        Integer queueLength,
        Integer uidBase,
        Boolean allowUnsafe,
        LimitSettings defaults,
        LimitSettings maximums) {

    public SandboxSettings {
        runtime = runtime == null ? "bubblewrap" : runtime;
        slots = slots == null || slots == 0 ? Runtime.getRuntime().availableProcessors() : slots;
        queueLength = queueLength == null ? 64 : queueLength;
        uidBase = uidBase == null ? 61000 : uidBase;
        allowUnsafe = allowUnsafe != null && allowUnsafe;
        if (slots < 1) {
            throw new IllegalArgumentException("coderunner.sandbox.slots must be 0 (one per core) or more, was " + slots);
        }
        if (queueLength < 0) {
            throw new IllegalArgumentException("coderunner.sandbox.queue-length must not be negative, was " + queueLength);
        }
        defaults = defaults == null ? LimitSettings.EMPTY : defaults;
        maximums = maximums == null ? LimitSettings.EMPTY : maximums;
    }

    Limits defaultLimits() {
        return defaults.over(Limits.defaults());
    }

    Limits maximumLimits() {
        return maximums.over(new Limits(300_000, 300_000, 1024 * Limits.MIB, 256, 16 * Limits.MIB, 256 * Limits.MIB,
                512 * Limits.MIB, 1024, false));
    }

    /** Limits in configuration; an absent value keeps the built-in one. */
    public record LimitSettings(Long wallTimeMs, Long cpuTimeMs, Long memoryBytes, Integer maxProcesses,
                                Long maxOutputBytes, Long maxFileBytes, Long diskBytes, Integer maxOpenFiles, Boolean network) {

        static final LimitSettings EMPTY = new LimitSettings(null, null, null, null, null, null, null, null, null);

        Limits over(Limits base) {
            return new Limits(
                    wallTimeMs == null ? base.wallTimeMs() : wallTimeMs,
                    cpuTimeMs == null ? base.cpuTimeMs() : cpuTimeMs,
                    memoryBytes == null ? base.memoryBytes() : memoryBytes,
                    maxProcesses == null ? base.maxProcesses() : maxProcesses,
                    maxOutputBytes == null ? base.maxOutputBytes() : maxOutputBytes,
                    maxFileBytes == null ? base.maxFileBytes() : maxFileBytes,
                    diskBytes == null ? base.diskBytes() : diskBytes,
                    maxOpenFiles == null ? base.maxOpenFiles() : maxOpenFiles,
                    network == null ? base.network() : network);
        }
    }
}
