package io.coderunner.engine;

import java.nio.file.Path;

/**
 * How the engine is set up.
 *
 * @param runtime          bubblewrap (default), gvisor, or unsafe-process (development only)
 * @param root             directory for the engine's work directories
 * @param slots            runs that may execute at once
 * @param uidBase          first host uid for slots when the engine is root (slot i runs as uidBase + i)
 * @param compileLimits    limits of a compile stage, whatever the run's limits are
 * @param cgroupName       name of the engine's control group under its own
 * @param allowUnsafe      must be true to use the unsafe-process runtime
 */
public record SandboxConfig(
        String runtime,
        Path root,
        int slots,
        int uidBase,
        Limits compileLimits,
        String cgroupName,
        boolean allowUnsafe) {

    public static final String BUBBLEWRAP = "bubblewrap";
    public static final String GVISOR = "gvisor";
    public static final String UNSAFE_PROCESS = "unsafe-process";

    public static SandboxConfig defaults(Path root) {
        return new SandboxConfig(BUBBLEWRAP, root, Runtime.getRuntime().availableProcessors(), 61000,
                defaultCompileLimits(), "coderunner", false);
    }

    public static Limits defaultCompileLimits() {
        return new Limits(30_000, 30_000, 1024 * Limits.MIB, 256, Limits.MIB, 256 * Limits.MIB, 512 * Limits.MIB, 1024, false);
    }

    public SandboxConfig {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        if (uidBase < 1000) {
            throw new IllegalArgumentException("uidBase must be an unprivileged uid (1000 or more), was " + uidBase);
        }
    }

    public SandboxConfig withRuntime(String value) {
        return new SandboxConfig(value, root, slots, uidBase, compileLimits, cgroupName, allowUnsafe);
    }

    public SandboxConfig withSlots(int value) {
        return new SandboxConfig(runtime, root, value, uidBase, compileLimits, cgroupName, allowUnsafe);
    }

    public SandboxConfig withAllowUnsafe(boolean value) {
        return new SandboxConfig(runtime, root, slots, uidBase, compileLimits, cgroupName, value);
    }

    public SandboxConfig withCgroupName(String value) {
        return new SandboxConfig(runtime, root, slots, uidBase, compileLimits, value, allowUnsafe);
    }
}
