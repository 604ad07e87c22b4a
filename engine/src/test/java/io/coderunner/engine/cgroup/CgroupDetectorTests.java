package io.coderunner.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.engine.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the engine reads /proc/self/cgroup and /proc/self/mountinfo and lays out its groups, on
 * directory trees shaped like the two cgroup file systems. The kernel's side (limits taking
 * effect, OOM kills) is covered by the engine's real runs on this host.
 */
class CgroupDetectorTests {

    @Test
    void prefersAUsableUnifiedHierarchyAndWritesV2Limits(@TempDir Path fs) throws IOException {
        Path own = Files.createDirectories(fs.resolve("system.slice/app.service"));
        Files.writeString(fs.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.writeString(own.resolve("cgroup.procs"), "");
        Files.writeString(own.resolve("cgroup.subtree_control"), "");

        CgroupSystem system = CgroupDetector.detect(List.of("0::/system.slice/app.service"),
                List.of("35 24 0:30 / " + fs + " rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"), "coderunner-1");

        assertThat(system.description()).isEqualTo("cgroup v2");
        assertThat(own.resolve("cgroup.subtree_control")).hasContent("+memory +pids +cpu");
        RunCgroup group = system.create("slot-0", Limits.defaults().withMemoryBytes(64 * Limits.MIB).withMaxProcesses(10));
        Path dir = own.resolve("coderunner-1/slot-0");
        assertThat(dir.resolve("memory.max")).hasContent(Long.toString(64 * Limits.MIB));
        assertThat(dir.resolve("memory.swap.max")).hasContent("0");
        assertThat(dir.resolve("pids.max")).hasContent("10");
        assertThat(group.procsFiles()).containsExactly(dir.resolve("cgroup.procs"));

        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\n");
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        Files.writeString(dir.resolve("memory.peak"), "123456\n");
        assertThat(group.cpuTimeNanos()).isEqualTo(1_500_000);
        assertThat(group.oomKilled()).isTrue();
        assertThat(group.peakMemoryBytes()).isEqualTo(123456);
    }

    @Test
    void movesTheServerIntoALeafWhenItsGroupHasProcesses(@TempDir Path fs) throws IOException {
        Path own = Files.createDirectories(fs.resolve("user.slice"));
        Files.writeString(fs.resolve("cgroup.controllers"), "memory pids cpu\n");
        Files.writeString(own.resolve("cgroup.procs"), "4242\n");
        Files.writeString(own.resolve("cgroup.subtree_control"), "");

        CgroupDetector.detect(List.of("0::/user.slice"),
                List.of("35 24 0:30 / " + fs + " rw - cgroup2 cgroup2 rw"), "coderunner-2");

        assertThat(own.resolve("server/cgroup.procs")).hasContent("4242");
    }

    @Test
    void fallsBackToV1ControllersEachInItsOwnHierarchy(@TempDir Path fs) throws IOException {
        for (String controller : List.of("memory", "pids", "cpuacct", "freezer")) {
            Files.createDirectories(fs.resolve(controller).resolve("docker/abc"));
        }
        List<String> mountinfo = List.of(
                "30 25 0:26 / " + fs.resolve("memory") + " rw - cgroup cgroup rw,memory",
                "31 25 0:27 / " + fs.resolve("pids") + " rw - cgroup cgroup rw,pids",
                "32 25 0:28 / " + fs.resolve("cpuacct") + " rw - cgroup cgroup rw,cpuacct",
                "33 25 0:29 / " + fs.resolve("freezer") + " rw - cgroup cgroup rw,freezer");
        List<String> cgroups = List.of("4:memory:/docker/abc", "3:pids:/docker/abc", "2:cpuacct:/docker/abc",
                "1:freezer:/docker/abc");

        CgroupSystem system = CgroupDetector.detect(cgroups, mountinfo, "coderunner-3");
        try {
            RunCgroup group = system.create("slot-1", Limits.defaults().withMemoryBytes(32 * Limits.MIB).withMaxProcesses(7));

            assertThat(system.description()).startsWith("cgroup v1");
            assertThat(fs.resolve("memory/docker/abc/coderunner-3/slot-1/memory.limit_in_bytes")).hasContent(Long.toString(32 * Limits.MIB));
            assertThat(fs.resolve("pids/docker/abc/coderunner-3/slot-1/pids.max")).hasContent("7");
            assertThat(group.procsFiles()).hasSize(4);
        } finally {
            // Stops the engine's background writer before the temporary directory is deleted.
            system.close();
        }
    }

    @Test
    void withoutControllersLimitsAreReportedAsNotEnforced() {
        CgroupSystem system = CgroupDetector.detect(List.of("0::/"), List.of(), "coderunner-4");

        assertThat(system.enforcing()).isFalse();
        assertThat(system.description()).startsWith("none");
    }
}
