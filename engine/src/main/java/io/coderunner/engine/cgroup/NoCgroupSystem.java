package io.coderunner.engine.cgroup;

import io.coderunner.engine.Limits;
import java.nio.file.Path;
import java.util.List;

/**
 * For hosts that give the engine no control groups. Processes are found as descendants of the
 * launcher, so a process that detaches can escape the kill: such hosts are reported as not
 * enforcing, and the PID namespace of the sandbox is what ends stragglers.
 */
final class NoCgroupSystem implements CgroupSystem {

    private final String description;

    NoCgroupSystem(String description) {
        this.description = description;
    }

    @Override
    public RunCgroup create(String name, Limits limits) {
        return new Untracked();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean enforcing() {
        return false;
    }

    private static final class Untracked implements RunCgroup {
        private volatile ProcessHandle launcher;

        @Override
        public void apply(Limits limits) {
            // Nothing to apply: rlimits are all this host allows.
        }

        @Override
        public List<Path> procsFiles() {
            return List.of();
        }

        @Override
        public void attached(ProcessHandle handle) {
            this.launcher = handle;
        }

        @Override
        public long cpuTimeNanos() {
            ProcessHandle handle = launcher;
            return handle == null ? 0 : handle.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
        }

        @Override
        public long peakMemoryBytes() {
            return 0;
        }

        @Override
        public boolean oomKilled() {
            return false;
        }

        @Override
        public boolean empty() {
            ProcessHandle handle = launcher;
            return handle == null || (!handle.isAlive() && handle.descendants().findAny().isEmpty());
        }

        @Override
        public void killAll() {
            ProcessHandle handle = launcher;
            if (handle != null) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
            }
        }

        @Override
        public void close() {
            killAll();
        }
    }
}
