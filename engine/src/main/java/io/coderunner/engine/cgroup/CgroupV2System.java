package io.coderunner.engine.cgroup;

import io.coderunner.engine.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unified hierarchy. Because a cgroup v2 group with processes may not delegate controllers
 * to children, the engine's own processes move into a leaf ("server") beside the runs' parent.
 */
final class CgroupV2System implements CgroupSystem {

    private static final Logger log = LoggerFactory.getLogger(CgroupV2System.class);
    private static final String CONTROLLERS = "+memory +pids +cpu";

    private final Path runs;

    private CgroupV2System(Path runs) {
        this.runs = runs;
    }

    static Optional<CgroupSystem> open(Path own, String groupName) {
        try {
            Path runs = own.resolve(groupName);
            if (!CgroupFiles.read(own.resolve("cgroup.subtree_control")).contains("memory")) {
                String procs = CgroupFiles.read(own.resolve("cgroup.procs"));
                if (!procs.isEmpty()) {
                    Path leaf = own.resolve("server");
                    Files.createDirectories(leaf);
                    for (long pid : CgroupFiles.pids(own.resolve("cgroup.procs"))) {
                        CgroupFiles.tryWrite(leaf.resolve("cgroup.procs"), Long.toString(pid));
                    }
                }
                CgroupFiles.write(own.resolve("cgroup.subtree_control"), CONTROLLERS);
            }
            Files.createDirectories(runs);
            if (!CgroupFiles.read(runs.resolve("cgroup.subtree_control")).contains("memory")) {
                CgroupFiles.write(runs.resolve("cgroup.subtree_control"), CONTROLLERS);
            }
            return Optional.of(new CgroupV2System(runs));
        } catch (IOException | CgroupException | SecurityException e) {
            log.info("cgroup v2 is not usable here ({}); trying v1", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public RunCgroup create(String name, Limits limits) {
        Path dir = runs.resolve(name);
        try {
            if (Files.isDirectory(dir)) {
                CgroupFiles.tryWrite(dir.resolve("cgroup.kill"), "1");
            } else {
                Files.createDirectory(dir);
            }
        } catch (IOException e) {
            throw new CgroupException("cannot create control group " + dir + ": " + e.getMessage(), e);
        }
        V2Group group = new V2Group(dir, new long[2]);
        group.apply(limits);
        return group;
    }

    @Override
    public RunCgroup create(String name, Limits limits, double cpuCores) {
        RunCgroup group = create(name, limits);
        CgroupFiles.write(runs.resolve(name).resolve("cpu.max"), CpuQuota.microsPerPeriod(cpuCores) + " " + CpuQuota.PERIOD_MICROS);
        return group;
    }

    @Override
    public void close() {
        CgroupFiles.remove(runs);
    }

    @Override
    public String description() {
        return "cgroup v2";
    }

    @Override
    public boolean enforcing() {
        return true;
    }

    /** @param before CPU microseconds and OOM kills when the counters were last started */
    private record V2Group(Path dir, long[] before) implements RunCgroup {

        @Override
        public void apply(Limits limits) {
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            CgroupFiles.tryWrite(dir.resolve("memory.swap.max"), "0");
            CgroupFiles.write(dir.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            before[0] = CgroupFiles.readKey(dir.resolve("cpu.stat"), "usage_usec");
            before[1] = CgroupFiles.readKey(dir.resolve("memory.events"), "oom_kill");
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public long cpuTimeNanos() {
            return (CgroupFiles.readKey(dir.resolve("cpu.stat"), "usage_usec") - before[0]) * 1000;
        }

        @Override
        public long peakMemoryBytes() {
            return CgroupFiles.readLong(dir.resolve("memory.peak"));
        }

        @Override
        public long memoryBytes() {
            return CgroupFiles.readLong(dir.resolve("memory.current"));
        }

        @Override
        public boolean oomKilled() {
            return CgroupFiles.readKey(dir.resolve("memory.events"), "oom_kill") > before[1];
        }

        @Override
        public boolean empty() {
            return CgroupFiles.readKey(dir.resolve("cgroup.events"), "populated") == 0;
        }

        @Override
        public void killAll() {
            boolean killFile = CgroupFiles.tryWrite(dir.resolve("cgroup.kill"), "1");
            for (int round = 0; round < 100 && !empty(); round++) {
                if (!killFile) {
                    CgroupFiles.killPids(dir.resolve("cgroup.procs"));
                }
                CgroupFiles.sleep(round < 10 ? 1 : 10);
            }
        }

        @Override
        public void close() {
            killAll();
            CgroupFiles.remove(dir);
        }
    }
}
