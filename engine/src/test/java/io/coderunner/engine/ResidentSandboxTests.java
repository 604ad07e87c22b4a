package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resident sandboxes in the real bubblewrap sandbox: processes, terminals, tunnels and clean-up. */
class ResidentSandboxTests {

    private final List<Resident> opened = new ArrayList<>();

    @BeforeAll
    static void requireBubblewrap() {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Resident::close);
    }

    /** What a process has written, each stream apart. */
    static final class Output implements Resident.ProcessListener {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        @Override
        public synchronized void stdout(byte[] data) {
            stdout.writeBytes(data);
        }

        @Override
        public synchronized void stderr(byte[] data) {
            stderr.writeBytes(data);
        }

        synchronized String out() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        synchronized String err() {
            return stderr.toString(StandardCharsets.UTF_8);
        }

        void awaitOut(String wanted) {
            await().alias("'" + wanted + "' on stdout").atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20)).until(() -> out().contains(wanted));
        }
    }

    static Path homeDir() throws IOException {
        Path dir = Files.createTempDirectory("coderunner-resident-test");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    private Resident open(Path home) {
        return open(home, Limits.defaults().withMemoryBytes(256 * Limits.MIB).withMaxProcesses(128), List.of());
    }

    private Resident open(Path home, Limits limits, List<ResidentSpec.VolumeMount> volumes) {
        Resident resident = SandboxFixture.sandbox().openResident(new ResidentSpec(home, SandboxFixture.LANGUAGES.all(),
                limits, 0.5, Map.of("GREETING", "hello"), volumes, null));
        opened.add(resident);
        return resident;
    }

    private static int exit(Resident.ResidentProcess process) throws Exception {
        return process.exited().get(20, TimeUnit.SECONDS);
    }

    private static ProcessSpec sh(String line) {
        return ProcessSpec.shell(line, null, null);
    }

    @Test
    void processesWriteTheirStreamsApartAndExitWithTheirCodes() throws Exception {
        Resident resident = open(homeDir());
        Output echo = new Output();
        assertThat(exit(resident.spawn(new ProcessSpec(List.of("echo", "hi"), null, null, null), echo))).isZero();
        assertThat(echo.out()).isEqualTo("hi\n");
        assertThat(echo.err()).isEmpty();

        Output both = new Output();
        assertThat(exit(resident.spawn(sh("echo out; echo err >&2; echo $GREETING-$EXTRA; exit 3"), both))).isEqualTo(3);
        assertThat(both.out()).isEqualTo("out\nhello-\n");
        assertThat(both.err()).isEqualTo("err\n");

        Output withEnv = new Output();
        exit(resident.spawn(ProcessSpec.shell("echo $GREETING-$EXTRA", null, Map.of("EXTRA", "more")), withEnv));
        assertThat(withEnv.out()).isEqualTo("hello-more\n");

        // Killed by a signal: 128 + its number, as a shell reports it.
        assertThat(exit(resident.spawn(sh("kill -9 $$"), new Output()))).isEqualTo(137);
        if (!SandboxFixture.sandbox().info().cgroups().startsWith("none")) {
            // At least the agent's interpreter is in its group's memory.
            assertThat(resident.memoryBytes()).isGreaterThan(1024 * 1024);
        }
    }

    @Test
    void aProcessReadsItsInputAndATerminalProcessSeesItsSize() throws Exception {
        Resident resident = open(homeDir());
        Output cat = new Output();
        Resident.ResidentProcess catting = resident.spawn(new ProcessSpec(List.of("cat"), null, null, null), cat);
        catting.write("typed in\n".getBytes(StandardCharsets.UTF_8));
        cat.awaitOut("typed in\n");
        catting.write("and more".getBytes(StandardCharsets.UTF_8));
        catting.closeStdin();
        assertThat(exit(catting)).isZero();
        assertThat(cat.out()).isEqualTo("typed in\nand more");

        Output terminal = new Output();
        Resident.ResidentProcess shell = resident.spawn(new ProcessSpec(List.of("/usr/bin/bash", "--norc", "-i"), null, null,
                new ProcessSpec.Pty(80, 24)), terminal);
        shell.write("tty; stty size\n".getBytes(StandardCharsets.UTF_8));
        terminal.awaitOut("24 80");
        assertThat(terminal.out()).contains("/dev/pts/");
        shell.resize(132, 40);
        shell.write("stty size\n".getBytes(StandardCharsets.UTF_8));
        terminal.awaitOut("40 132");
        shell.write("exit 5\n".getBytes(StandardCharsets.UTF_8));
        assertThat(exit(shell)).isEqualTo(5);
    }

    @Test
    void processesRunSideBySideAndAMissingProgramIsNamed() throws Exception {
        Resident resident = open(homeDir());
        Output first = new Output();
        Output second = new Output();
        Resident.ResidentProcess reading = resident.spawn(sh("read line; echo first-$line"), first);
        Resident.ResidentProcess other = resident.spawn(sh("echo second"), second);
        assertThat(exit(other)).isZero();
        assertThat(second.out()).isEqualTo("second\n");
        assertThat(reading.exited()).isNotDone();
        reading.write("go\n".getBytes(StandardCharsets.UTF_8));
        assertThat(exit(reading)).isZero();
        assertThat(first.out()).isEqualTo("first-go\n");

        Resident.ResidentProcess missing = resident.spawn(new ProcessSpec(List.of("no-such-program"), null, null, null), new Output());
        assertThatThrownBy(() -> missing.exited().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SandboxException.class).hasMessageContaining("no-such-program");
        Resident.ResidentProcess badCwd = resident.spawn(new ProcessSpec(List.of("pwd"), "/nowhere", null, null), new Output());
        assertThatThrownBy(() -> badCwd.exited().get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(SandboxException.class).hasMessageContaining("/nowhere");
        // A background child that keeps the output open does not keep the exit from being reported.
        Output background = new Output();
        assertThat(exit(resident.spawn(sh("sleep 1005 & echo started"), background))).isZero();
        assertThat(background.out()).isEqualTo("started\n");
        // The sandbox goes on after both.
        Output after = new Output();
        assertThat(exit(resident.spawn(sh("echo still"), after))).isZero();
        assertThat(after.out()).isEqualTo("still\n");
    }

    @Test
    void theHomeDirectoryIsTheHostDirectoryAndStaysAfterClose() throws Exception {
        Path home = homeDir();
        Files.writeString(home.resolve("before.txt"), "from the host");
        Resident resident = open(home);
        Output output = new Output();
        assertThat(exit(resident.spawn(sh("pwd; echo $HOME; cat before.txt; echo; echo made > made.txt; mkdir sub; cd sub && pwd; "
                + "python3 -c 'import pwd; print(pwd.getpwuid(1000).pw_dir)'"), output))).isZero();
        assertThat(output.out()).isEqualTo("/home/user\n/home/user\nfrom the host\n/home/user/sub\n/home/user\n");
        Output inSub = new Output();
        assertThat(exit(resident.spawn(new ProcessSpec(List.of("pwd"), "/home/user/sub", null, null), inSub))).isZero();
        assertThat(inSub.out()).isEqualTo("/home/user/sub\n");
        resident.close();
        assertThat(resident.ended()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(Files.readString(home.resolve("made.txt"))).isEqualTo("made\n");
        if (SandboxFixture.root()) {
            assertThat(Files.getAttribute(home.resolve("made.txt"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
        }
    }

    @Test
    void aTunnelReachesAServerInTheSandboxAndAClosedPortIsRefused() throws Exception {
        Resident resident = open(homeDir());
        Output server = new Output();
        resident.spawn(new ProcessSpec(List.of("python3", "-m", "http.server", "8123", "--bind", "127.0.0.1"), null, null, null),
                server);
        Received received = new Received();
        Resident.Tunnel tunnel = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> tryConnect(resident, 8123, received), t -> t != null);
        tunnel.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.closed);
        assertThat(received.text()).startsWith("HTTP/1.0 200");

        Resident.Tunnel refused = resident.connect(8124, new Received());
        assertThatThrownBy(() -> refused.connected().get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(SandboxException.class).hasMessageContaining("refused");
    }

    /** A tunnel once the server listens; null while it does not yet. */
    private static Resident.Tunnel tryConnect(Resident resident, int port, Received received) throws Exception {
        Resident.Tunnel tunnel = resident.connect(port, received);
        try {
            tunnel.connected().get(20, TimeUnit.SECONDS);
            return tunnel;
        } catch (ExecutionException e) {
            return null;
        }
    }

    static final class Received implements Resident.TunnelListener {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile boolean closed;

        @Override
        public synchronized void data(byte[] data) {
            bytes.writeBytes(data);
        }

        @Override
        public void closed() {
            closed = true;
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void closingLeavesNoProcessOfTheSandbox() throws Exception {
        Resident resident = open(homeDir());
        Output output = new Output();
        // A background child, and a daemon that double-forked away from everything the agent knows.
        resident.spawn(sh("sleep 1001 > /dev/null 2>&1 & (setsid sh -c 'sleep 1002 > /dev/null 2>&1 &' &); echo started"), output);
        output.awaitOut("started");
        await().atMost(Duration.ofSeconds(10)).until(() -> running("sleep 1001") && running("sleep 1002"));
        List<Integer> uids = uidsOf("sleep 1001");
        resident.close();
        assertThat(resident.ended()).isDone();
        assertThat(running("sleep 1001") || running("sleep 1002")).as("a process of the closed sandbox left").isFalse();
        if (SandboxFixture.root()) {
            assertThat(uids).hasSize(1);
            // Not even a zombie: close returns once the sandbox's init has been reaped.
            assertThat(processesOfUid(uids.get(0), true)).as("processes of the sandbox's uid").isEmpty();
        }
    }

    @Test
    void twoSandboxesSeeNeitherTheOthersHomeNorItsProcesses() throws Exception {
        Path firstHome = homeDir();
        Path secondHome = homeDir();
        Files.writeString(firstHome.resolve("mine.txt"), "first");
        Resident first = open(firstHome);
        Resident second = open(secondHome);
        first.spawn(sh("exec sleep 1003"), new Output());
        await().atMost(Duration.ofSeconds(10)).until(() -> running("sleep 1003"));
        Output seen = new Output();
        assertThat(exit(second.spawn(sh("ls /home/user; ls /home; cat /proc/*/cmdline 2>/dev/null | tr '\\0' ' '; echo; echo end"),
                seen))).isZero();
        assertThat(seen.out()).doesNotContain("mine.txt").doesNotContain("sleep 1003").contains("end");
        assertThat(seen.out().lines().filter(line -> !line.isBlank()).findFirst()).contains("user");
        if (SandboxFixture.root()) {
            assertThat(uidsOf("sleep 1003")).doesNotContainAnyElementsOf(List.of(0));
        }
    }

    @Test
    void withoutNetworkNothingOutsideIsReachable() throws Exception {
        Resident resident = open(homeDir());
        Output output = new Output();
        int code = exit(resident.spawn(new ProcessSpec(List.of("python3", "-c",
                "import socket; socket.create_connection(('1.1.1.1', 53), 1)"), null, null, null), output));
        assertThat(code).isNotZero();
        assertThat(output.err()).contains("Network is unreachable");
    }

    @Test
    void withNetworkTheSandboxHasANamespaceOfItsOwnThatEndsWithIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pasta")), "pasta is not installed");
        Resident resident = open(homeDir(), Limits.defaults().withNetwork(true), List.of());
        Output output = new Output();
        assertThat(exit(resident.spawn(sh("cat /proc/net/route"), output))).isZero();
        // A default route (destination 0) through pasta's gateway, not the host's interfaces.
        assertThat(output.out()).containsPattern("\\n\\w+\\s+00000000\\s+0100C80A");
        List<Path> namespaces;
        try (Stream<Path> listed = Files.list(Path.of("/run/netns"))) {
            namespaces = listed.filter(p -> p.getFileName().toString().startsWith("coderunner-res-")).toList();
        }
        assertThat(namespaces).isNotEmpty();
        resident.close();
        assertThat(namespaces).noneMatch(Files::exists);
    }

    @Test
    void aHomeDirectoryServesOneSandboxAtATime() throws Exception {
        Path home = homeDir();
        Resident first = open(home);
        assertThatThrownBy(() -> open(home)).isInstanceOf(DirectoryInUseException.class);
        first.close();
        Output output = new Output();
        assertThat(exit(open(home).spawn(sh("echo again"), output))).isZero();
        assertThat(output.out()).isEqualTo("again\n");
    }

    @Test
    void aSandboxRunsAsTheCallersOwnUidWhoseHomeItKeeps() throws Exception {
        assumeTrue(SandboxFixture.root(), "only root gives sandboxes uids of their own");
        int uid = 1_000_321;
        Path home = homeDir();
        Files.setAttribute(home, "unix:uid", uid);
        Files.setAttribute(home, "unix:gid", uid);
        Limits limits = Limits.defaults().withMemoryBytes(256 * Limits.MIB);
        Resident resident = SandboxFixture.sandbox().openResident(new ResidentSpec(home, List.of(), limits, 0.5, Map.of(),
                List.of(), null, uid));
        opened.add(resident);
        assertThatThrownBy(() -> SandboxFixture.sandbox().openResident(new ResidentSpec(homeDir(), List.of(), limits, 0.5,
                Map.of(), List.of(), null, uid))).isInstanceOf(SandboxException.class).hasMessageContaining("host uid " + uid);
        assertThatThrownBy(() -> SandboxFixture.sandbox().openResident(new ResidentSpec(homeDir(), List.of(), limits, 0.5,
                Map.of(), List.of(), null, SandboxFixture.UID_BASE + 1))).isInstanceOf(InvalidRunException.class);
        Output output = new Output();
        resident.spawn(sh("echo made > made.txt; exec sleep 1006"), output);
        await().atMost(Duration.ofSeconds(10)).until(() -> running("sleep 1006"));
        assertThat(uidsOf("sleep 1006")).containsExactly(uid);
        resident.close();
        assertThat(Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(uid);
        assertThat(Files.getAttribute(home.resolve("made.txt"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(uid);
        assertThat(processesOfUid(uid, true)).isEmpty();
        // Free again for its next start.
        Resident again = SandboxFixture.sandbox().openResident(new ResidentSpec(home, List.of(), limits, 0.5, Map.of(),
                List.of(), null, uid));
        opened.add(again);
        Output read = new Output();
        assertThat(exit(again.spawn(sh("cat made.txt"), read))).isZero();
        assertThat(read.out()).isEqualTo("made\n");
    }

    @Test
    void aFloodArrivesWholeAndInOrder() throws Exception {
        Resident resident = open(homeDir());
        Digest digest = new Digest();
        assertThat(exit(resident.spawn(sh("seq 1 10000000 | head -c 50000000"), digest))).isZero();
        Process reference = new ProcessBuilder("sh", "-c", "seq 1 10000000 | head -c 50000000").start();
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (var in = reference.getInputStream()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                expected.update(buffer, 0, n);
            }
        }
        assertThat(digest.count).isEqualTo(50_000_000L);
        assertThat(HexFormat.of().formatHex(digest.sha.digest())).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    static final class Digest implements Resident.ProcessListener {
        final MessageDigest sha;
        long count;

        Digest() throws Exception {
            sha = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void stdout(byte[] data) {
            sha.update(data);
            count += data.length;
        }

        @Override
        public void stderr(byte[] data) {
        }
    }

    @Test
    void theAgentIsOutOfItsProcessesReachAndItsEndEndsOnlyItsSandbox() throws Exception {
        Resident resident = open(homeDir());
        Resident other = open(homeDir());
        Output output = new Output();
        // The agent is the sandbox's PID 1: its pipes to the engine are not its processes' to write,
        // and the kernel keeps their signals from it.
        exit(resident.spawn(sh("printf '\\377\\377\\377\\377\\377\\377\\377\\377\\377' > /proc/1/fd/1 && echo wrote || echo refused; "
                + "kill -9 1; kill -STOP 1; kill -INT 1; echo still"), output));
        assertThat(output.out()).isEqualTo("refused\nstill\n");
        Output after = new Output();
        assertThat(exit(resident.spawn(sh("echo after"), after))).isZero();
        assertThat(after.out()).isEqualTo("after\n");
        // A listener that throws does not stop the sandbox's output.
        Resident.ProcessListener failing = new Resident.ProcessListener() {
            @Override
            public void stdout(byte[] data) {
                throw new IllegalStateException("a failing listener");
            }

            @Override
            public void stderr(byte[] data) {
            }
        };
        assertThat(exit(resident.spawn(sh("echo x"), failing))).isZero();

        // Should the agent end all the same (here killed from the host), so does its sandbox.
        Resident.ResidentProcess sleeping = resident.spawn(sh("exec sleep 1004"), new Output());
        await().atMost(Duration.ofSeconds(10)).until(() -> running("sleep 1004"));
        int uid = uidOf(pidsOf("sleep 1004").get(0));
        List<Path> agents = pidsOf("/usr/bin/python3 -I -S /run/coderunner/resident-agent.py").stream()
                .filter(p -> uidOf(p) == uid).toList();
        assertThat(agents).hasSize(1);
        ProcessHandle.of(Long.parseLong(agents.get(0).getFileName().toString())).orElseThrow().destroyForcibly();
        assertThat(resident.ended()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(sleeping.exited().get(10, TimeUnit.SECONDS)).isEqualTo(137);
        assertThat(running("sleep 1004")).isFalse();
        assertThatThrownBy(() -> resident.spawn(sh("true"), new Output())).isInstanceOf(SandboxException.class);
        Output still = new Output();
        assertThat(exit(other.spawn(sh("echo alive"), still))).isZero();
        assertThat(still.out()).isEqualTo("alive\n");
    }

    @Test
    void volumesAreShownWhereAskedAndNotOverTheSandboxsOwnPlaces() throws Exception {
        Path data = Files.createTempDirectory("coderunner-resident-volume");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(data.resolve("given.txt"), "shared");
        Files.setPosixFilePermissions(data.resolve("given.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        // A writable volume is the caller's to open to the sandboxes' uids; two sandboxes show it at once.
        Path scratch = Files.createTempDirectory("coderunner-resident-scratch");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<ResidentSpec.VolumeMount> volumes = List.of(new ResidentSpec.VolumeMount(data, "/data", true),
                new ResidentSpec.VolumeMount(scratch, "/mnt/scratch", false));
        Resident resident = open(homeDir(), Limits.defaults(), volumes);
        Resident other = open(homeDir(), Limits.defaults(), volumes);
        Output output = new Output();
        exit(resident.spawn(sh("cat /data/given.txt; echo; echo x > /data/new.txt 2>/dev/null || echo read-only; echo kept > /mnt/scratch/out.txt"),
                output));
        assertThat(output.out()).isEqualTo("shared\nread-only\n");
        assertThat(Files.readString(scratch.resolve("out.txt"))).isEqualTo("kept\n");
        Output seen = new Output();
        exit(other.spawn(sh("cat /mnt/scratch/out.txt"), seen));
        assertThat(seen.out()).isEqualTo("kept\n");
        resident.close();
        // Shown as it is: not taken over by a sandbox's uid, nor its modes changed when it closes.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch))).isEqualTo("rwxrwxrwx");

        for (String place : List.of("/home/user", "/home", "/proc", "/usr/lib", "/", "/etc/x", "/run", "/data/../etc")) {
            assertThatThrownBy(() -> new ResidentSpec.VolumeMount(data, place, true)).as(place)
                    .isInstanceOf(InvalidRunException.class);
        }
    }

    private static boolean running(String commandLine) {
        return !pidsOf(commandLine).isEmpty();
    }

    private static List<Integer> uidsOf(String commandLine) {
        return pidsOf(commandLine).stream().map(ResidentSandboxTests::uidOf).distinct().toList();
    }

    private static List<Path> pidsOf(String commandLine) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return Files.readString(p.resolve("cmdline")).replace('\0', ' ').strip().equals(commandLine);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String state(Path proc) {
        try {
            return Files.readString(proc.resolve("status")).replaceAll("(?s).*State:\\s*(\\S).*", "$1");
        } catch (IOException e) {
            return "gone";
        }
    }

    private static String parentOf(Path proc) {
        try {
            return Files.readString(proc.resolve("status")).replaceAll("(?s).*PPid:\\s*(\\d+).*", "$1");
        } catch (IOException e) {
            return "gone";
        }
    }

    private static String commandLine(Path proc) {
        try {
            return Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static int uidOf(Path proc) {
        try {
            String status = Files.readString(proc.resolve("status"));
            return Integer.parseInt(status.replaceAll("(?s).*\nUid:\\s*(\\d+).*", "$1"));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Processes of the uid, with or without zombies (which run nothing, but wait for a parent to reap them). */
    private static List<String> processesOfUid(int uid, boolean zombies) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> uidOf(p) == uid)
                    .filter(p -> zombies || !state(p).equals("Z"))
                    .map(p -> p.getFileName() + " " + state(p) + " parent " + parentOf(p) + " " + commandLine(p)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
