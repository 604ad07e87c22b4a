package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Terminals under a real pseudo-terminal in the bubblewrap sandbox, and runs in a host directory. */
class TerminalTests {

    @BeforeAll
    static void requireBubblewrap() {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
    }

    /** What a terminal has shown so far. */
    static final class Screen implements TerminalListener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void output(byte[] chunk) {
            text.append(new String(chunk, StandardCharsets.UTF_8));
            notifyAll();
        }

        synchronized String waitFor(String wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!text.toString().contains(wanted)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertThat(left).as("'%s' on the screen; it shows: %s", wanted, text.toString().replace("\r", "\\r").replace("\u001b", "\\e")).isPositive();
                wait(left);
            }
            return text.toString();
        }
    }

    private static Path workDir() throws IOException {
        Path dir = Files.createTempDirectory("coderunner-terminal-test");
        Files.setPosixFilePermissions(dir.getParent().resolve(dir.getFileName()), PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    private static Terminal open(Path dir, Screen screen) {
        return SandboxFixture.sandbox().openTerminal(TerminalSpec.shell(dir, SandboxFixture.LANGUAGES.all(),
                Limits.defaults().withMemoryBytes(256 * Limits.MIB), 0.5, 80, 24), screen);
    }

    @Test
    void aShellComputesResizesAndLeavesNothingWhenClosed() throws Exception {
        Path dir = workDir();
        Screen screen = new Screen();
        Terminal terminal = open(dir, screen);
        try {
            terminal.write("echo $((6*7))\n".getBytes(StandardCharsets.UTF_8));
            // The terminal's line discipline ends lines with CR LF, as xterm.js expects.
            screen.waitFor("42\r\n");

            terminal.resize(132, 40);
            terminal.write("stty size\n".getBytes(StandardCharsets.UTF_8));
            screen.waitFor("40 132");

            // A file written in the terminal lands in the host directory; python is on the PATH.
            terminal.write("python3 -c 'open(\"made.txt\",\"w\").write(\"from the terminal\")'; echo done-$((1+1))\n"
                    .getBytes(StandardCharsets.UTF_8));
            screen.waitFor("done-2");
            assertThat(Files.readString(dir.resolve("made.txt"))).isEqualTo("from the terminal");

            terminal.write("sleep 1000 &\n".getBytes(StandardCharsets.UTF_8));
            terminal.write("echo started-$((2+3))\n".getBytes(StandardCharsets.UTF_8));
            screen.waitFor("started-5");
            // The shell goes on before its background child has executed sleep: wait for it.
            await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> processesRunning("sleep 1000"));
        } finally {
            terminal.close();
        }
        assertThat(terminal.exited().get(10, TimeUnit.SECONDS)).isNotNull();
        await().alias("no background process of the closed terminal left").atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> !processesRunning("sleep 1000"));
        if (SandboxFixture.root()) {
            // The directory is the server's again, and nothing in it belongs to the terminal's uid.
            assertThat(Files.getAttribute(dir.resolve("made.txt"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
        }
    }

    @Test
    void theNetworkIsUnreachableAndTheHostIsHidden() throws Exception {
        Screen screen = new Screen();
        try (Terminal terminal = open(workDir(), screen)) {
            terminal.write(("ls /root /home 2>&1 | head -2; cat /etc/shadow 2>&1 | head -1; "
                    + "python3 -c 'import socket; socket.create_connection((\"1.1.1.1\", 53), 2)' 2>&1 | tail -1; echo end-$((3*3))\n")
                    .getBytes(StandardCharsets.UTF_8));
            String shown = screen.waitFor("end-9");
            assertThat(shown).contains("/root': No such file or directory").contains("/etc/shadow: No such file or directory")
                    .contains("Network is unreachable");
        }
    }

    @Test
    void aRunInAHostDirectoryKeepsWhatItWrites() throws Exception {
        Path dir = workDir();
        Files.writeString(dir.resolve("data.txt"), "input from before");
        RunSpec spec = RunSpec.of(SandboxFixture.language("python"),
                "import os\nprint(open('data.txt').read())\nopen('out.txt','w').write('kept')\nos.symlink('/etc/passwd', 'link')\n",
                Limits.defaults()).inDirectory(dir);

        RunResult result = SandboxFixture.sandbox().run(spec);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.stdout()).contains("input from before");
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("kept");
        assertThat(Files.isSymbolicLink(dir.resolve("link"))).isTrue();
        // A symbolic link left where the next run's file goes is replaced, never written through.
        Files.delete(dir.resolve("main.py"));
        Files.createSymbolicLink(dir.resolve("main.py"), dir.resolve("out.txt"));
        RunResult second = SandboxFixture.sandbox().run(RunSpec.of(SandboxFixture.language("python"), "print('again')\n",
                Limits.defaults()).inDirectory(dir));
        assertThat(second.stdout()).isEqualTo("again\n");
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("kept");
        assertThat(Files.isSymbolicLink(dir.resolve("main.py"))).isFalse();
    }

    @Test
    void modesARunSetInAHostDirectoryDoNotSurviveOnTheHost() throws Exception {
        Path dir = workDir();
        RunSpec spec = RunSpec.of(SandboxFixture.language("bash"),
                "mkdir shared && chmod 6777 shared && touch shared/tool && chmod 6777 shared/tool && chmod 1777 . "
                        + "&& ln -s /etc/passwd shared/link && stat -c %a shared shared/tool\n",
                Limits.defaults()).inDirectory(dir);

        RunResult result = SandboxFixture.sandbox().run(spec);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.stdout()).as("the program did set the modes").isEqualTo("6777\n6777\n");
        assertThat(mode(dir.resolve("shared"))).isEqualTo(0755);
        assertThat(mode(dir.resolve("shared/tool"))).isEqualTo(0755);
        assertThat(mode(dir) & 07022).as("the directory itself").isZero();
        assertThat(Files.isSymbolicLink(dir.resolve("shared/link"))).isTrue();
        assertThat(mode(Path.of("/etc/passwd"))).as("a link is not followed").isEqualTo(0644);
    }

    @Test
    void aHandOverIntoALiveTerminalGivesTheFolderToItAndRefusesALinkItPlantedUnderThatName() throws Exception {
        Path dir = workDir();
        Path outside = Files.createTempDirectory("coderunner-hand-over-outside");
        Path prepared = Files.createTempDirectory("coderunner-hand-over");
        Files.createDirectories(prepared.resolve("src"));
        Files.writeString(prepared.resolve("src/main.py"), "print(1)");
        Screen screen = new Screen();
        try (Terminal terminal = open(dir, screen)) {
            terminal.write(("ln -s " + outside + " repo; echo planted-$((3+4))\r").getBytes(StandardCharsets.UTF_8));
            screen.waitFor("planted-7");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> terminal.handOver(prepared, "repo")))
                    .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
            try (Stream<Path> left = Files.list(outside)) {
                assertThat(left.toList()).as("nothing lands behind the link").isEmpty();
            }

            terminal.handOver(prepared, "clone");
            terminal.write("echo changed >> clone/src/main.py && echo edited-$((4+4))\r".getBytes(StandardCharsets.UTF_8));
            screen.waitFor("edited-8");
        }
        assertThat(Files.readString(dir.resolve("clone/src/main.py"))).isEqualTo("print(1)changed\n");
        assertThat(Files.getAttribute(dir.resolve("clone/src/main.py"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).as("taken back").isEqualTo(0);
        assertThat(Files.isSymbolicLink(dir.resolve("repo"))).isTrue();
        io.coderunner.engine.files.HostileTree.delete(dir);
        io.coderunner.engine.files.HostileTree.delete(outside);
        io.coderunner.engine.files.HostileTree.delete(prepared);
    }

    private static int mode(Path path) throws java.io.IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    @Test
    void aRunInTheDirectoryOfAnOpenTerminalIsRefusedWhenItStarts() throws Exception {
        Path dir = workDir();
        Screen screen = new Screen();
        Terminal terminal = open(dir, screen);
        RunSpec spec = RunSpec.of(SandboxFixture.language("python"), "print('in the directory')\n", Limits.defaults())
                .inDirectory(dir);
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SandboxFixture.sandbox().start(spec, OutputListener.NONE)))
                    .isInstanceOf(DirectoryInUseException.class)
                    .hasMessageContaining("in use by another run or terminal session");
        } finally {
            terminal.close();
        }
        terminal.exited().get(10, TimeUnit.SECONDS);
        assertThat(SandboxFixture.sandbox().run(spec).stdout()).isEqualTo("in the directory\n");
    }

    @Test
    void aRuntimeWithoutTerminalsRefusesClearly() throws Exception {
        Path root = Files.createTempDirectory("coderunner-no-terminals");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        SandboxConfig config = SandboxConfig.defaults(root).withRuntime(SandboxConfig.UNSAFE_PROCESS).withAllowUnsafe(true)
                .withSlots(1).withCgroupName("coderunner-no-terminals");
        try (Sandbox plain = Sandboxes.create(config)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> plain.openTerminal(TerminalSpec.shell(workDir(),
                    SandboxFixture.LANGUAGES.all(), Limits.defaults(), 1.0, 80, 24), chunk -> { })))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("terminal sessions need the bubblewrap runtime");
        }
    }

    /** Whether a live host process has exactly this command line. */
    static boolean processesRunning(String cmdline) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    String line = Files.readString(p.resolve("cmdline")).replace('\0', ' ').strip();
                    String state = Files.readString(p.resolve("status")).replaceAll("(?s).*State:\\s*(\\S).*", "$1");
                    return line.equals(cmdline) && !state.equals("Z");
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        }
    }
}
