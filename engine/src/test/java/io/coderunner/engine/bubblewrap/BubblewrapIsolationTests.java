package io.coderunner.engine.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.engine.Limits;
import io.coderunner.engine.NetworkAccess;
import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import io.coderunner.engine.language.Mount;
import io.coderunner.engine.run.Descriptor;
import io.coderunner.engine.run.Stage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bwrap command line of each kind of stage, as a value: nothing is started. */
class BubblewrapIsolationTests {

    private static final List<String> INIT = List.of("/usr/bin/sh", "-c", "init", "/run/coderunner/stage.sh");
    private static final LanguageRegistry LANGUAGES = LanguageRegistry.probeHost();

    /** What every sandbox is, whatever runs in it: namespaces, identity, and no way to make more. */
    private static final List<String> NAMESPACES_AND_IDENTITY = List.of(
            "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--as-pid-1", "--new-session",
            "--uid 1000", "--gid 1000", "--disable-userns", "--hostname sandbox", "--die-with-parent", "--clearenv");
    /** The engine's files, each reached through a descriptor the launcher opened. */
    private static final List<String> ENGINE_FILES = List.of(
            "--bind-fd 5 /work", "--ro-bind-fd 4 /run/coderunner",
            "--file 6 /etc/passwd", "--file 7 /etc/group", "--file 8 /etc/hosts", "--file 9 /etc/nsswitch.conf");
    /** A fresh /proc, a /dev of the usual character devices only. */
    private static final List<String> PROC_AND_DEV = List.of(
            "--proc /proc", "--tmpfs /dev",
            "--dev-bind /dev/null /dev/null", "--dev-bind /dev/zero /dev/zero", "--dev-bind /dev/full /dev/full",
            "--dev-bind /dev/random /dev/random", "--dev-bind /dev/urandom /dev/urandom",
            "--symlink /proc/self/fd /dev/fd", "--symlink /proc/self/fd/0 /dev/stdin",
            "--symlink /proc/self/fd/1 /dev/stdout", "--symlink /proc/self/fd/2 /dev/stderr");

    @TempDir
    Path temp;
    private Path state;
    private Path workDir;
    private Path stateDir;
    private BubblewrapIsolation isolation;

    @BeforeEach
    void createIsolation() throws IOException {
        state = temp.resolve("state");
        workDir = Files.createDirectories(temp.resolve("slots/slot-1/work"));
        stateDir = Files.createDirectories(temp.resolve("slots/slot-1/state"));
        isolation = hostWith(Set.of("/etc/resolv.conf", "/etc/ssl", "/usr/share/ca-certificates"));
    }

    /** An isolation on a host that has, of the network files bwrap may show, only these. */
    private BubblewrapIsolation hostWith(Set<String> paths) {
        return new BubblewrapIsolation("/usr/bin/bwrap", state, paths::contains);
    }

    private static final List<Mount> PYTHON_MOUNTS = List.of(Mount.symlink("usr/lib64", "/lib64"),
            Mount.symlink("python3.11", "/usr/bin/python3"), Mount.readOnly("/usr/bin/python3.11"),
            Mount.readOnly("/usr/lib/python3.11"));

    private Stage stage(Limits limits, List<Mount> mounts) {
        return new Stage(OutputFrame.Stage.RUN, List.of("/usr/bin/python3", "main.py"),
                Map.of("PATH", "/usr/bin", "HOME", "/work", "PYTHONUNBUFFERED", "1"), mounts, limits, workDir, stateDir, 62001);
    }

    private BwrapOptions options(Stage stage) {
        return BwrapOptions.read(isolation.command(stage, INIT));
    }

    @Test
    void aPythonRunsCommandLineInFull() {
        List<String> command = isolation.command(stage(Limits.defaults().withDiskBytes(8 * Limits.MIB), PYTHON_MOUNTS), INIT);

        assertThat(command).containsExactly(
                "/usr/bin/bwrap",
                "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--as-pid-1", "--new-session",
                "--uid", "1000", "--gid", "1000",
                "--disable-userns", "--hostname", "sandbox",
                "--die-with-parent", "--clearenv",
                "--unshare-net",
                "--bind-fd", "5", "/work",
                "--ro-bind-fd", "4", "/run/coderunner",
                "--file", "6", "/etc/passwd",
                "--file", "7", "/etc/group",
                "--file", "8", "/etc/hosts",
                "--file", "9", "/etc/nsswitch.conf",
                "--symlink", "usr/lib64", "/lib64",
                "--symlink", "python3.11", "/usr/bin/python3",
                "--ro-bind", "/usr/bin/python3.11", "/usr/bin/python3.11",
                "--ro-bind", "/usr/lib/python3.11", "/usr/lib/python3.11",
                "--proc", "/proc",
                "--tmpfs", "/dev",
                "--dev-bind", "/dev/null", "/dev/null",
                "--dev-bind", "/dev/zero", "/dev/zero",
                "--dev-bind", "/dev/full", "/dev/full",
                "--dev-bind", "/dev/random", "/dev/random",
                "--dev-bind", "/dev/urandom", "/dev/urandom",
                "--symlink", "/proc/self/fd", "/dev/fd",
                "--symlink", "/proc/self/fd/0", "/dev/stdin",
                "--symlink", "/proc/self/fd/1", "/dev/stdout",
                "--symlink", "/proc/self/fd/2", "/dev/stderr",
                "--perms", "1777", "--size", Long.toString(8 * Limits.MIB), "--tmpfs", "/tmp",
                "--chdir", "/work",
                "--remount-ro", "/",
                "--seccomp", "3",
                "--setenv", "HOME", "/work",
                "--setenv", "PATH", "/usr/bin",
                "--setenv", "PYTHONUNBUFFERED", "1",
                "--",
                "/usr/bin/sh", "-c", "init", "/run/coderunner/stage.sh");
    }

    static Stream<Arguments> stagesOfEveryLanguage() {
        List<Arguments> stages = new ArrayList<>();
        for (Language language : LANGUAGES.all()) {
            if (language.preview()) {
                continue;
            }
            if (language.compiled()) {
                stages.add(Arguments.of(language.id(), OutputFrame.Stage.COMPILE, language.compile()));
            }
            stages.add(Arguments.of(language.id(), OutputFrame.Stage.RUN, language.run()));
        }
        return stages.stream();
    }

    /** Each language's toolchain, read-only and in the planner's order, and its variables; the rest is every sandbox's. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stagesOfEveryLanguage")
    void eachLanguageSeesItsToolchainReadOnlyInAnOtherwiseFixedSandbox(String id, OutputFrame.Stage kind, List<String> command) {
        Language language = LANGUAGES.require(id);
        Map<String, String> env = new LinkedHashMap<>(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/work"));
        env.putAll(language.env());
        Stage stage = new Stage(kind, command, env, language.mounts(), Limits.defaults(), workDir, stateDir, 62001);

        BwrapOptions options = options(stage);

        assertThat(options.program()).isEqualTo("/usr/bin/bwrap");
        assertThat(options.groups().subList(0, NAMESPACES_AND_IDENTITY.size())).containsExactlyElementsOf(NAMESPACES_AND_IDENTITY);
        assertThat(options.groups().get(NAMESPACES_AND_IDENTITY.size())).as("no network").isEqualTo("--unshare-net");
        assertThat(options.between("--bind-fd", "--proc")).as("engine files, then the toolchain")
                .containsExactlyElementsOf(concat(ENGINE_FILES, language.mounts().stream().map(BubblewrapIsolationTests::group).toList()));
        assertThat(language.mounts()).as("a toolchain is only read-only binds and links")
                .allMatch(mount -> mount.kind() == Mount.Kind.READ_ONLY_BIND || mount.kind() == Mount.Kind.SYMLINK);
        assertThat(options.between("--proc", "--perms")).containsExactlyElementsOf(PROC_AND_DEV);
        assertThat(options.between("--perms", "--setenv")).containsExactly(
                "--perms 1777", "--size " + Limits.defaults().diskBytes(), "--tmpfs /tmp", "--chdir /work", "--remount-ro /",
                "--seccomp 3");
        assertThat(options.all("--setenv")).containsExactlyElementsOf(env.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> "--setenv " + e.getKey() + " " + e.getValue()).toList());
        assertThat(options.all("--bind")).as("nothing of the host writable").isEmpty();
        assertThat(options.command()).isEqualTo(INIT);
    }

    @Test
    void everyInstalledLanguageIsChecked() {
        assertThat(stagesOfEveryLanguage()).as("the registry offers languages on this host").isNotEmpty();
    }

    @Test
    void aStageWithoutNetworkHasAnEmptyNamespaceAndNoneOfTheHostsNetworkFiles() {
        BwrapOptions options = options(stage(Limits.defaults(), PYTHON_MOUNTS));

        assertThat(options.all("--unshare-net")).hasSize(1);
        assertThat(options.groups()).noneMatch(group -> group.contains("/etc/resolv.conf") || group.contains("/etc/ssl")
                || group.contains("ca-certificates"));
    }

    @Test
    void aStageAllowedThePublicNetworkKeepsTheLaunchersNamespaceAndSeesItsForwarderAndTheCertificates() throws IOException {
        Stage stage = stage(Limits.defaults().withNetwork(NetworkAccess.PUBLIC), PYTHON_MOUNTS);
        BwrapOptions options = options(stage);

        assertThat(options.all("--unshare-net")).isEmpty();
        // Its resolv.conf is the engine's, naming the namespace's forwarder, never the host's file.
        assertThat(Files.readString(state.resolve("etc/resolv.conf"))).startsWith("nameserver 10.200.0.53\n");
        assertThat(options.between("--ro-bind /usr/lib/python3.11", "--proc")).containsExactly(
                "--ro-bind /usr/lib/python3.11 /usr/lib/python3.11",
                "--ro-bind " + state.resolve("etc/resolv.conf") + " /etc/resolv.conf",
                "--ro-bind /etc/ssl /etc/ssl",
                "--ro-bind /usr/share/ca-certificates /usr/share/ca-certificates");
    }

    @Test
    void networkFilesTheHostLacksAreNotShown() {
        isolation = hostWith(Set.of("/etc/ssl"));

        BwrapOptions options = options(stage(Limits.defaults().withNetwork(NetworkAccess.PUBLIC), PYTHON_MOUNTS));

        assertThat(options.between("--ro-bind /usr/lib/python3.11", "--proc")).containsExactly(
                "--ro-bind /usr/lib/python3.11 /usr/lib/python3.11",
                "--ro-bind " + state.resolve("etc/resolv.conf") + " /etc/resolv.conf",
                "--ro-bind /etc/ssl /etc/ssl");
    }

    @Test
    void aStageAllowedOnlySomeDestinationsHasNoResolverAndItsNamesPinnedInItsHostsFile() throws IOException {
        NetworkAccess only = new NetworkAccess.Only(List.of(
                new NetworkAccess.Destination("pypi.internal", InetAddress.getByName("192.0.2.7"), 443)));
        Stage stage = stage(Limits.defaults().withNetwork(only), PYTHON_MOUNTS);

        BwrapOptions options = options(stage);

        assertThat(options.all("--unshare-net")).isEmpty();
        assertThat(options.between("--ro-bind /usr/lib/python3.11", "--proc")).containsExactly(
                "--ro-bind /usr/lib/python3.11 /usr/lib/python3.11",
                "--ro-bind /etc/ssl /etc/ssl",
                "--ro-bind /usr/share/ca-certificates /usr/share/ca-certificates");
        Path hosts = descriptor(stage, BubblewrapIsolation.HOSTS_FD).path();
        assertThat(hosts.getFileName().toString()).startsWith("hosts-");
        assertThat(Files.readString(hosts)).contains("127.0.0.1 localhost sandbox\n", "192.0.2.7 pypi.internal\n");
        assertThat(descriptor(stage(Limits.defaults(), PYTHON_MOUNTS), BubblewrapIsolation.HOSTS_FD).path())
                .isEqualTo(state.resolve("etc/hosts"));
    }

    @Test
    void anEnvironmentIsBoundWritableOrReadOnlyAfterTheToolchain() {
        Mount writable = new Mount(Mount.Kind.ENVIRONMENT_WRITABLE, "/srv/environments/e1", "/opt/environment");
        Mount readOnly = new Mount(Mount.Kind.ENVIRONMENT_READ_ONLY, "/srv/environments/e1", "/opt/environment");

        BwrapOptions install = options(stage(Limits.defaults(), concat(PYTHON_MOUNTS, List.of(writable))));
        BwrapOptions run = options(stage(Limits.defaults(), concat(PYTHON_MOUNTS, List.of(readOnly))));

        assertThat(install.between("--ro-bind /usr/lib/python3.11", "--proc")).containsExactly(
                "--ro-bind /usr/lib/python3.11 /usr/lib/python3.11", "--bind /srv/environments/e1 /opt/environment");
        assertThat(run.between("--ro-bind /usr/lib/python3.11", "--proc")).containsExactly(
                "--ro-bind /usr/lib/python3.11 /usr/lib/python3.11", "--ro-bind /srv/environments/e1 /opt/environment");
        assertThat(run.all("--bind")).isEmpty();
    }

    @Test
    void aProjectsWorkDirectoryReachesTheSandboxAsADescriptorOnly() throws IOException {
        Path project = Files.createDirectories(temp.resolve("projects/p-42"));
        Stage slotStage = stage(Limits.defaults(), PYTHON_MOUNTS);
        Stage projectStage = slotStage.in(project);

        List<String> command = isolation.command(projectStage, INIT);

        assertThat(command).isEqualTo(isolation.command(slotStage, INIT));
        assertThat(command).noneMatch(arg -> arg.contains(project.toString()) || arg.contains(workDir.toString()));
        assertThat(descriptor(projectStage, BubblewrapIsolation.WORK_FD)).isEqualTo(Descriptor.read(BubblewrapIsolation.WORK_FD, project));
        assertThat(descriptor(slotStage, BubblewrapIsolation.WORK_FD)).isEqualTo(Descriptor.read(BubblewrapIsolation.WORK_FD, workDir));
    }

    @Test
    void aTerminalKeepsItsSessionAndBwrapsInitAndGainsDevTty() {
        Stage stage = stage(Limits.defaults(), PYTHON_MOUNTS);
        List<String> run = BwrapOptions.read(isolation.command(stage, INIT)).groups();
        List<String> terminal = BwrapOptions.read(isolation.terminalCommand(stage, INIT)).groups();

        List<String> expected = new ArrayList<>(run);
        expected.removeAll(List.of("--as-pid-1", "--new-session"));
        expected.add(expected.indexOf("--symlink /proc/self/fd/2 /dev/stderr") + 1, "--dev-bind /dev/tty /dev/tty");
        assertThat(terminal).containsExactlyElementsOf(expected);
    }

    @Test
    void everyDescriptorTheCommandNamesIsOpenedAndNoOther() throws IOException {
        Stage stage = stage(Limits.defaults(), PYTHON_MOUNTS);
        BwrapOptions options = options(stage);
        List<Descriptor> descriptors = isolation.descriptors(stage);

        List<Integer> named = new ArrayList<>();
        for (String group : options.groups()) {
            String[] words = group.split(" ");
            if (Set.of("--bind-fd", "--ro-bind-fd", "--file", "--seccomp").contains(words[0])) {
                named.add(Integer.parseInt(words[1]));
            }
        }
        assertThat(descriptors).extracting(Descriptor::fd).containsExactlyInAnyOrderElementsOf(named);
        assertThat(descriptors).noneMatch(Descriptor::write);
        assertThat(descriptor(stage, BubblewrapIsolation.CONTROL_FD).path()).isEqualTo(stateDir);
        assertThat(Files.readAllBytes(descriptor(stage, BubblewrapIsolation.SECCOMP_FD).path()))
                .isEqualTo(SeccompFilter.compile(SeccompFilter.hostArchitecture()));
        assertThat(Files.readString(descriptor(stage, BubblewrapIsolation.PASSWD_FD).path())).startsWith("runner:x:1000:1000:");
    }

    @Test
    void bwrapsOwnFailuresAreSetupFailures() {
        assertThat(isolation.setupFailed(1, "bwrap: Can't find source path /usr/lib/jvm: No such file or directory\n")).isTrue();
        assertThat(isolation.setupFailed(1, "Traceback (most recent call last):\n")).isFalse();
        assertThat(isolation.setupFailed(2, "bwrap: something\n")).isFalse();
        assertThat(isolation.setupFailed(1, "program output\nbwrap: not at the start\n")).isFalse();
    }

    private Descriptor descriptor(Stage stage, int fd) {
        return isolation.descriptors(stage).stream().filter(d -> d.fd() == fd).findFirst().orElseThrow();
    }

    private static String group(Mount mount) {
        return switch (mount.kind()) {
            case READ_ONLY_BIND, ENVIRONMENT_READ_ONLY, VOLUME_READ_ONLY -> "--ro-bind " + mount.source() + " " + mount.target();
            case ENVIRONMENT_WRITABLE, VOLUME_WRITABLE -> "--bind " + mount.source() + " " + mount.target();
            case SYMLINK -> "--symlink " + mount.source() + " " + mount.target();
        };
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
