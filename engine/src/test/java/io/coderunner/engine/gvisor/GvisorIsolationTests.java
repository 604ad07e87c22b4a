package io.coderunner.engine.gvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.language.Mount;
import io.coderunner.engine.run.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The runsc command line and the bundle it is given, without running anything. */
class GvisorIsolationTests {

    private static final List<String> INIT = List.of("/usr/bin/sh", "-c", "init", "/run/coderunner/stage.sh");

    @TempDir
    Path temp;
    private GvisorIsolation isolation;
    private Path state;
    private Path workDir;
    private Path stateDir;

    @BeforeEach
    void createIsolation() throws IOException {
        state = temp.resolve("state");
        workDir = Files.createDirectories(temp.resolve("slots/slot-1/work"));
        stateDir = Files.createDirectories(temp.resolve("slots/slot-1/state"));
        isolation = new GvisorIsolation("/usr/bin/runsc", state);
    }

    private Stage stage(Limits limits) {
        List<Mount> mounts = List.of(Mount.symlink("usr/lib64", "/lib64"), Mount.readOnly("/usr/bin/env"),
                Mount.readOnly("/usr/lib"), Mount.symlink("python3.11", "/opt/bin/python3"));
        return new Stage(OutputFrame.Stage.RUN, List.of("python3", "main.py"), Map.of("PATH", "/usr/bin", "HOME", "/work"),
                mounts, limits, workDir, stateDir, 63001);
    }

    private JsonNode config(Path bundle) throws IOException {
        return JsonMapper.builder().build().readTree(bundle.resolve(OciBundle.CONFIG).toFile());
    }

    private static Path bundleOf(List<String> command) {
        return Path.of(command.get(command.indexOf("--bundle") + 1));
    }

    @Test
    void runscRunsTheSlotsBundleWithoutNetworkOrCgroups() {
        List<String> command = isolation.command(stage(Limits.defaults()), INIT);

        assertThat(command.subList(0, 4)).containsExactly("/usr/bin/runsc", "--root=" + state.resolve("runsc"),
                "--ignore-cgroups", "--network=none");
        assertThat(command.get(4)).isEqualTo("run");
        assertThat(bundleOf(command)).isEqualTo(state.resolve("bundles").resolve("slot-1"));
        assertThat(command.get(command.size() - 1)).startsWith(isolation.idPrefix() + "-slot-1-");
    }

    @Test
    void eachLaunchHasItsOwnContainerId() {
        String first = isolation.command(stage(Limits.defaults()), INIT).getLast();
        String second = isolation.command(stage(Limits.defaults()), INIT).getLast();
        String otherInstance = new GvisorIsolation("/usr/bin/runsc", temp.resolve("other")).command(stage(Limits.defaults()), INIT).getLast();

        assertThat(Set.of(first, second, otherInstance)).hasSize(3);
        assertThat(first).matches("coderunner-\\d+-\\d+-slot-1-\\d+");
    }

    @Test
    void theProcessIsTheInitAsTheSandboxUserWithoutPrivileges() throws IOException {
        JsonNode process = config(bundleOf(isolation.command(stage(Limits.defaults()), INIT))).get("process");

        assertThat(process.get("args").valueStream().map(JsonNode::asString).toList()).isEqualTo(INIT);
        assertThat(process.get("env").valueStream().map(JsonNode::asString).toList()).containsExactly("HOME=/work", "PATH=/usr/bin");
        assertThat(process.get("cwd").asString()).isEqualTo("/work");
        assertThat(process.get("user").get("uid").asInt()).isEqualTo(Stage.SANDBOX_UID);
        assertThat(process.get("user").get("gid").asInt()).isEqualTo(Stage.SANDBOX_UID);
        assertThat(process.get("noNewPrivileges").asBoolean()).isTrue();
        assertThat(process.get("terminal").asBoolean()).isFalse();
        for (String set : List.of("bounding", "effective", "inheritable", "permitted", "ambient")) {
            assertThat(process.get("capabilities").get(set).isEmpty()).as(set).isTrue();
        }
    }

    @Test
    void theSandboxSeesAReadOnlyRootWithItsMountsOnly() throws IOException {
        JsonNode config = config(bundleOf(isolation.command(stage(Limits.defaults().withDiskBytes(8 * Limits.MIB)), INIT)));

        assertThat(config.get("root").get("readonly").asBoolean()).isTrue();
        Map<String, String> mounts = new java.util.LinkedHashMap<>();
        config.get("mounts").forEach(m -> mounts.put(m.get("destination").asString(),
                m.get("type").asString() + " " + m.get("source").asString() + " "
                        + String.join(",", m.get("options").valueStream().map(JsonNode::asString).toList())));
        assertThat(mounts.keySet()).containsExactly("/proc", "/dev", "/usr/bin/env", "/usr/lib", "/etc/passwd", "/etc/group",
                "/etc/hosts", "/etc/nsswitch.conf", "/work", "/run/coderunner", "/tmp");
        assertThat(mounts.get("/usr/lib")).isEqualTo("bind /usr/lib rbind,ro");
        assertThat(mounts.get("/etc/passwd")).isEqualTo("bind " + state.resolve("etc/passwd") + " rbind,ro");
        assertThat(mounts.get("/work")).isEqualTo("bind " + workDir + " rbind,rw");
        assertThat(mounts.get("/run/coderunner")).isEqualTo("bind " + stateDir + " rbind,ro");
        assertThat(mounts.get("/tmp")).isEqualTo("tmpfs tmpfs mode=1777,size=" + 8 * Limits.MIB);
        assertThat(mounts.get("/proc")).isEqualTo("proc proc ");
        assertThat(mounts.get("/dev")).startsWith("tmpfs tmpfs ");
        assertThat(Files.readString(state.resolve("etc/passwd"))).contains("runner:x:1000:1000");
    }

    @Test
    void theRootHoldsMountPointsAndTheLanguagesLinks() {
        Path rootfs = bundleOf(isolation.command(stage(Limits.defaults()), INIT)).resolve(OciBundle.ROOTFS);

        assertThat(rootfs.resolve("usr/lib")).isDirectory();
        assertThat(rootfs.resolve("usr/bin/env")).isRegularFile().isEmptyFile();
        assertThat(rootfs.resolve("etc/passwd")).isRegularFile().isEmptyFile();
        assertThat(rootfs.resolve("work")).isDirectory();
        assertThat(rootfs.resolve("run/coderunner")).isDirectory();
        assertThat(rootfs.resolve("tmp")).isDirectory();
        assertThat(readLink(rootfs.resolve("lib64"))).isEqualTo("usr/lib64");
        assertThat(readLink(rootfs.resolve("opt/bin/python3"))).isEqualTo("python3.11");
    }

    @Test
    void theSlotsUidOwnsTheProgramsFiles() throws IOException {
        JsonNode linux = config(bundleOf(isolation.command(stage(Limits.defaults()), INIT))).get("linux");

        assertThat(linux.get("namespaces").valueStream().map(n -> n.get("type").asString()).toList())
                .containsExactlyInAnyOrder("pid", "ipc", "uts", "mount", "network", "user");
        assertThat(linux.get("uidMappings").toString()).contains("\"containerID\":1000", "\"hostID\":63001");
        assertThat(linux.get("gidMappings").toString()).contains("\"containerID\":1000", "\"hostID\":63001");
        assertThat(linux.has("cgroupsPath")).isFalse();
        assertThat(linux.has("resources")).isFalse();
    }

    @Test
    void aStageAllowedTheNetworkUsesTheStackOfTheNamespaceTheLauncherEntered() throws IOException {
        List<String> command = isolation.command(stage(Limits.defaults().withNetwork(true)), INIT);
        JsonNode config = config(bundleOf(command));

        assertThat(isolation.needsUserModeNetwork()).isTrue();
        assertThat(command).contains("--network=host").doesNotContain("--network=none");
        // No namespace of its own: runsc stays in the stage's, which holds the firewall.
        assertThat(config.get("linux").get("namespaces").valueStream().map(n -> n.get("type").asString()).toList())
                .containsExactlyInAnyOrder("pid", "ipc", "uts", "mount", "user");
        // The host's resolver configuration, as bubblewrap gives it, where the host has one.
        if (Files.exists(Path.of("/etc/resolv.conf"))) {
            assertThat(config.get("mounts").valueStream().map(m -> m.get("destination").asString()).toList())
                    .contains("/etc/resolv.conf");
        }
    }

    @Test
    void stateOfTheSlotsEarlierContainersIsRemovedAtItsNextLaunch() throws IOException {
        String earlier = isolation.command(stage(Limits.defaults()), INIT).getLast();
        Path stale = Files.createFile(state.resolve("runsc").resolve(earlier + "_sandbox:" + earlier + ".state"));
        Path otherSlot = Files.createFile(state.resolve("runsc").resolve(isolation.idPrefix() + "-slot-2-7_sandbox:x.state"));

        isolation.command(stage(Limits.defaults()), INIT);

        assertThat(stale).doesNotExist();
        assertThat(otherSlot).exists();
    }

    @Test
    void aNewIsolationForgetsWhatAnEarlierEngineLeft() throws IOException {
        Path stale = Files.createFile(state.resolve("runsc").resolve("coderunner-1-1-slot-0-1_sandbox:x.state"));

        new GvisorIsolation("/usr/bin/runsc", state);

        assertThat(stale).doesNotExist();
    }

    @Test
    void runscsOwnFailuresAreSetupFailures() {
        assertThat(isolation.setupFailed(128, "running container: starting container: cannot read spec\n")).isTrue();
        assertThat(isolation.setupFailed(128, "program output\nrunning container: creating container: boom\n")).isTrue();
        assertThat(isolation.setupFailed(128, "")).isFalse();
        assertThat(isolation.setupFailed(1, "running container: starting container\n")).isFalse();
        assertThat(isolation.setupFailed(128, "running container: x\nthe program's own last words\n")).isFalse();
    }

    @Test
    void runscStartsAsRootAndGetsRoomForItsOwnTasks() {
        Limits limits = Limits.defaults().withMaxProcesses(20);
        Limits host = isolation.hostLimits(limits);

        assertThat(isolation.dropsPrivilegesItself()).isTrue();
        assertThat(host.maxProcesses()).isEqualTo(GvisorIsolation.RUNTIME_TASKS + GvisorIsolation.TASKS_PER_PROCESS * 20);
        assertThat(host.withMaxProcesses(20)).isEqualTo(limits);
    }

    @Test
    void aMissingRunscIsNamed() {
        GvisorIsolation missing = new GvisorIsolation(temp.resolve("no-runsc").toString(), temp.resolve("missing"));

        assertThatThrownBy(missing::verifyAvailable).isInstanceOf(SandboxException.class)
                .hasMessageContaining("gVisor is not installed").hasMessageContaining("no-runsc").hasMessageContaining("runsc");
    }

    private static String readLink(Path link) {
        try {
            assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isTrue();
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
