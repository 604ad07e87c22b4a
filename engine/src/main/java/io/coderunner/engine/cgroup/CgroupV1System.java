package io.coderunner.engine.cgroup;

import io.coderunner.engine.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Legacy control groups: one hierarchy per controller. A stage gets a directory in each of
 * memory, pids, cpuacct and (when present) freezer, which lets it be frozen and killed at once.
 *
 * <p>Groups are kept and reused from stage to stage under the same name (a slot's), with their
 * counters reset, because removing a v1 memory group costs the kernel several milliseconds: more
 * than everything else the engine does around a run. They are removed when the engine closes.
 */
final class CgroupV1System implements CgroupSystem {

    private final Map<String, Path> bases;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final MigrationWarmer warmer;

    private CgroupV1System(Map<String, Path> bases) {
        this.bases = bases;
        this.warmer = MigrationWarmer.start(bases.get("pids").resolve("cgroup.procs"));
    }

    static Optional<CgroupSystem> open(Map<String, Path> bases) {
        try {
            for (Path base : bases.values()) {
                Files.createDirectories(base);
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.of(new CgroupV1System(bases));
    }

    @Override
    public RunCgroup create(String name, Limits limits) {
        if (warmer != null) {
            warmer.touch();
        }
        Path memory = mkdir(bases.get("memory").resolve(name));
        Path pids = mkdir(bases.get("pids").resolve(name));
        Path cpu = mkdir(bases.get("cpuacct").resolve(name));
        Path freezer = bases.containsKey("freezer") ? mkdir(bases.get("freezer").resolve(name)) : null;
        V1Group group = new V1Group(memory, pids, cpu, freezer, null, new long[1]);
        group.apply(limits);
        names.add(name);
        return group;
    }

    @Override
    public RunCgroup create(String name, Limits limits, double cpuCores) {
        Path cpuBase = bases.get("cpu");
        if (cpuBase == null) {
            return create(name, limits);
        }
        V1Group plain = (V1Group) create(name, limits);
        Path quota = mkdir(cpuBase.resolve(name));
        CgroupFiles.write(quota.resolve("cpu.cfs_period_us"), Long.toString(CpuQuota.PERIOD_MICROS));
        CgroupFiles.write(quota.resolve("cpu.cfs_quota_us"), Long.toString(CpuQuota.microsPerPeriod(cpuCores)));
        return new V1Group(plain.memory(), plain.pids(), plain.cpu(), plain.freezer(), quota, plain.oomKillsBefore());
    }

    private static Path mkdir(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                // The slot's group from its previous stage: make sure it is empty and reuse it.
                CgroupFiles.killPids(dir.resolve("cgroup.procs"));
                return dir;
            }
            return Files.createDirectory(dir);
        } catch (IOException e) {
            throw new CgroupException("cannot create control group " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (warmer != null) {
            warmer.close();
        }
        for (String name : names) {
            new V1Group(bases.get("memory").resolve(name), bases.get("pids").resolve(name), bases.get("cpuacct").resolve(name),
                    bases.containsKey("freezer") ? bases.get("freezer").resolve(name) : null,
                    bases.containsKey("cpu") ? bases.get("cpu").resolve(name) : null, new long[1]).remove();
        }
        bases.values().forEach(CgroupFiles::remove);
    }

    @Override
    public String description() {
        return "cgroup v1 (" + String.join(", ", bases.keySet().stream().sorted().toList()) + ")";
    }

    @Override
    public boolean enforcing() {
        return true;
    }

    /**
     * @param cpuQuota       the group in the cpu controller when its CPU share is limited, else null
     * @param oomKillsBefore the group's OOM-kill count when its counters were last started (an array: it changes)
     */
    private record V1Group(Path memory, Path pids, Path cpu, Path freezer, Path cpuQuota, long[] oomKillsBefore) implements RunCgroup {

        @Override
        public void apply(Limits limits) {
            String memoryLimit = Long.toString(limits.memoryBytes());
            Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
            boolean swapAccounting = Files.exists(memsw);
            // memory+swap may never be below memory alone: lift it, set memory, then pin it to memory (no swap).
            if (swapAccounting) {
                CgroupFiles.write(memsw, "-1");
            }
            if (!CgroupFiles.tryWrite(memory.resolve("memory.limit_in_bytes"), memoryLimit)) {
                // Cache charged earlier is above the new limit: drop it and try again.
                CgroupFiles.tryWrite(memory.resolve("memory.force_empty"), "0");
                CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), memoryLimit);
            }
            if (swapAccounting) {
                CgroupFiles.write(memsw, memoryLimit);
            }
            CgroupFiles.tryWrite(memory.resolve("memory.swappiness"), "0");
            CgroupFiles.write(pids.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            // Peak memory and CPU time are written back to 0; the OOM-kill count cannot be reset,
            // so the group remembers where it stood.
            CgroupFiles.tryWrite(memory.resolve("memory.max_usage_in_bytes"), "0");
            CgroupFiles.tryWrite(cpu.resolve("cpuacct.usage"), "0");
            oomKillsBefore[0] = CgroupFiles.readKey(memory.resolve("memory.oom_control"), "oom_kill");
        }

        @Override
        public List<Path> procsFiles() {
            List<Path> files = new ArrayList<>(List.of(memory.resolve("cgroup.procs"), pids.resolve("cgroup.procs"),
                    cpu.resolve("cgroup.procs")));
            if (freezer != null) {
                files.add(freezer.resolve("cgroup.procs"));
            }
            if (cpuQuota != null && !cpuQuota.equals(cpu)) {
                files.add(cpuQuota.resolve("cgroup.procs"));
            }
            return files;
        }

        @Override
        public long cpuTimeNanos() {
            return CgroupFiles.readLong(cpu.resolve("cpuacct.usage"));
        }

        @Override
        public long peakMemoryBytes() {
            return CgroupFiles.readLong(memory.resolve("memory.max_usage_in_bytes"));
        }

        @Override
        public long memoryBytes() {
            return CgroupFiles.readLong(memory.resolve("memory.usage_in_bytes"));
        }

        @Override
        public boolean oomKilled() {
            return CgroupFiles.readKey(memory.resolve("memory.oom_control"), "oom_kill") > oomKillsBefore[0];
        }

        @Override
        public boolean empty() {
            return CgroupFiles.read(pids.resolve("cgroup.procs")).isEmpty();
        }

        @Override
        public void killAll() {
            // Freeze first so that nothing can fork while we kill; then kill, thaw, and repeat
            // until the group is empty (a frozen process only dies once thawed).
            for (int round = 0; round < 100 && !empty(); round++) {
                boolean frozen = freezer != null && freeze();
                CgroupFiles.killPids(pids.resolve("cgroup.procs"));
                if (frozen) {
                    CgroupFiles.tryWrite(freezer.resolve("freezer.state"), "THAWED");
                }
                if (!empty()) {
                    CgroupFiles.sleep(round < 10 ? 1 : 10);
                }
            }
        }

        private boolean freeze() {
            Path state = freezer.resolve("freezer.state");
            if (!CgroupFiles.tryWrite(state, "FROZEN")) {
                return false;
            }
            for (int i = 0; i < 100; i++) {
                if (CgroupFiles.read(state).equals("FROZEN")) {
                    return true;
                }
                CgroupFiles.sleep(1);
            }
            return false;
        }

        /** Ends the stage: every process dies; the group stays for the slot's next stage. */
        @Override
        public void close() {
            killAll();
        }

        void remove() {
            killAll();
            List<Path> dirs = new ArrayList<>(List.of(memory, pids, cpu));
            if (freezer != null) {
                dirs.add(freezer);
            }
            if (cpuQuota != null && !cpuQuota.equals(cpu) && Files.isDirectory(cpuQuota)) {
                dirs.add(cpuQuota);
            }
            for (Path dir : dirs) {
                CgroupFiles.remove(dir);
            }
        }
    }
}
