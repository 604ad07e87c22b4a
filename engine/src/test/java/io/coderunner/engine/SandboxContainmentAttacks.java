package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coderunner.engine.language.Language;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile programs, one per limit, for every runtime: each is contained, reported, and leaves
 * nothing behind. A runtime's test class says how it runs a program, what of a run may not
 * outlive it, and where it cannot keep a limit the same way.
 */
public abstract class SandboxContainmentAttacks {

    /** Runs a program in the runtime's sandbox and waits for its result. */
    protected abstract RunResult run(String language, String code, Limits limits);

    /** Starts a run in the runtime's sandbox. */
    protected abstract RunHandle start(RunSpec spec, OutputListener listener);

    /** The installed language, as the runtime's sandbox offers it. */
    protected abstract Language language(String id);

    /** Asserts that no process of the test's runs is left on the host. */
    protected abstract void assertNothingOutlivedTheRun();

    /**
     * The wall time a program that burns 500 ms of CPU may take until it is ended: the CPU limit
     * is watched from outside, and a user-space kernel's own work slows the program down.
     */
    protected long wallTimeToEndACpuBurnMs() {
        return 3_000;
    }

    /** Asserts how a fork bomb under a limit of 32 processes ended: the shell is refused more and goes on. */
    protected void assertForkBombHeld(RunResult result) {
        assertThat(result.status()).as(result.toString()).isIn(Status.OK, Status.RUNTIME_ERROR, Status.TIME_LIMIT);
        assertThat(result.stderr() + result.stdout()).as(result.toString())
                .containsAnyOf("Resource temporarily unavailable", "retry", "survived");
    }

    /**
     * Asserts how a thread bomb ended: the kernel counts the program's threads against its control
     * group's process limit, so starting one more fails in the program, which goes on.
     */
    protected void assertThreadBombHeld(RunResult result, int maxProcesses) {
        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.stdout()).startsWith("stopped at");
        int threads = Integer.parseInt(result.stdout().split(" ")[2]);
        assertThat(threads).isLessThan(maxProcesses);
    }

    /** Memory the control group may report past its limit, charged to it by the runtime rather than the program. */
    protected long memoryPastTheLimitBytes() {
        return 0;
    }

    /** Whether the runtime shows a /sys of its own making (nothing of the host's) instead of none. */
    protected boolean showsASysfsOfItsOwn() {
        return false;
    }

    private RunResult run(String language, String code) {
        return run(language, code, Limits.defaults());
    }

    @AfterEach
    void nothingOutlivesTheRun() {
        assertNothingOutlivedTheRun();
    }

    @Test
    void infiniteLoopHitsTheCpuLimit() {
        RunResult result = run("python", "while True:\n    pass\n", Limits.defaults().withCpuTimeMs(500).withWallTimeMs(5_000));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.TIME_LIMIT);
        assertThat(result.reason()).contains("CPU time");
        assertThat(result.cpuTimeMs()).isGreaterThanOrEqualTo(500);
        assertThat(result.wallTimeMs()).isLessThan(wallTimeToEndACpuBurnMs());
    }

    @Test
    void sleepingHitsTheWallLimitWithoutBurningCpu() {
        RunResult result = run("python", "import time\ntime.sleep(60)\n", Limits.defaults().withWallTimeMs(700));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.TIME_LIMIT);
        assertThat(result.reason()).contains("wall time");
        assertThat(result.wallTimeMs()).isBetween(600L, 3_000L);
        assertThat(result.cpuTimeMs()).isLessThan(300);
    }

    @Test
    void cpuBurnInManyThreadsIsCountedTogether() {
        String code = "import threading\ndef burn():\n    while True: pass\n"
                + "for _ in range(4): threading.Thread(target=burn, daemon=True).start()\n"
                + "import time\ntime.sleep(30)\n";
        RunResult result = run("python", code, Limits.defaults().withCpuTimeMs(400).withWallTimeMs(10_000));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.TIME_LIMIT);
        assertThat(result.reason()).contains("CPU time");
    }

    @Test
    void forkBombIsHeldByTheProcessLimit() {
        RunResult result = run("bash", ":(){ :|:& };:\nsleep 2\necho survived\n",
                Limits.defaults().withMaxProcesses(32).withWallTimeMs(3_000));

        assertForkBombHeld(result);
    }

    @Test
    void threadBombCannotExceedTheProcessLimit() {
        String code = "import threading, time\nn = 0\ntry:\n    while True:\n"
                + "        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n        n += 1\n"
                + "except RuntimeError as e:\n    print('stopped at', n, e)\n";
        RunResult result = run("python", code, Limits.defaults().withMaxProcesses(20));

        assertThreadBombHeld(result, 20);
    }

    @Test
    void allocatingPastTheMemoryLimitIsAMemoryLimit() {
        String code = "blocks = []\nwhile True:\n    blocks.append(bytearray(16 * 1024 * 1024))\n";
        RunResult result = run("python", code, Limits.defaults().withMemoryBytes(64 * Limits.MIB));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.MEMORY_LIMIT);
        assertThat(result.memoryBytes()).isGreaterThan(32 * Limits.MIB).isLessThanOrEqualTo(64 * Limits.MIB + memoryPastTheLimitBytes());
    }

    @Test
    void fillingTheDiskStopsAtTheDiskLimit() {
        assumeTrue(SandboxFixture.root(), "work directories are size-bounded tmpfs mounts only when the engine is root");
        String code = "chunk = b'x' * (1024 * 1024)\nwritten = 0\ntry:\n    with open('fill', 'wb') as f:\n"
                + "        while True:\n            f.write(chunk)\n            f.flush()\n            written += 1\n"
                + "except OSError as e:\n    print('stopped after', written, 'MiB:', e.strerror)\n";
        RunResult result = run("python", code, Limits.defaults().withDiskBytes(8 * Limits.MIB).withMaxFileBytes(64 * Limits.MIB));

        assertThat(result.stdout()).as(result.toString()).contains("No space left on device");
        int mib = Integer.parseInt(result.stdout().split(" ")[2]);
        assertThat(mib).isLessThanOrEqualTo(8);
    }

    @Test
    void writingPastTheFileSizeLimitFails() {
        String code = "f = open('/tmp/big', 'wb')\nf.write(b'x' * (4 * 1024 * 1024))\nf.close()\nprint('wrote')\n";
        RunResult result = run("python", code, Limits.defaults().withMaxFileBytes(Limits.MIB));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(result.stdout()).doesNotContain("wrote");
    }

    @Test
    void floodingStdoutIsCutAtTheOutputLimit() {
        RunResult result = run("python", "while True:\n    print('x' * 1000)\n", Limits.defaults().withMaxOutputBytes(64 * 1024));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OUTPUT_LIMIT);
        assertThat(result.stdoutTruncated()).isTrue();
        assertThat(result.stdout()).hasSize(64 * 1024);
    }

    @Test
    void aDetachedDaemonDiesWithTheRun() {
        String code = "import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
                + "        time.sleep(120)\n    os._exit(0)\nprint('parent done')\n";
        RunResult result = run("python", code);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.stdout()).contains("parent done");
        // @AfterEach asserts that the grandchild is gone.
    }

    @Test
    void theNetworkIsUnreachable() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String code = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', " + server.getLocalPort()
                    + "), timeout=2)\n    print('connected')\nexcept OSError as e:\n    print('refused', e)\n"
                    + "try:\n    socket.getaddrinfo('example.com', 80)\n    print('resolved')\n"
                    + "except OSError as e:\n    print('no dns', e)\n";
            RunResult result = run("python", code);

            assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
            assertThat(result.stdout()).startsWith("refused").contains("no dns")
                    .doesNotContain("connected").doesNotContain("resolved");
        }
    }

    @Test
    void theHostsFilesAndEnvironmentAreInvisible() {
        String code = "import os\nprint(sorted(os.listdir('/')))\nprint(open('/etc/passwd').read())\n"
                + "print(sorted(os.environ))\n"
                + "for p in ['/root', '/home', '/var', '/etc/shadow', '/proc/1/environ', '/sys']:\n"
                + "    try:\n        data = open(p).read() if not os.path.isdir(p) else os.listdir(p)\n"
                + "        print('READ', p, str(data)[:80])\n"
                + "    except OSError as e:\n        print('denied', p)\n"
                + "for p in ['/etc/shadow', '/root', '/home', '/var']:\n"
                + "    print(p, 'visible' if os.path.exists(p) else 'absent')\n"
                + "print('pids', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))\n";
        RunResult result = run("python", code);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        String out = result.stdout();
        assertThat(out).doesNotContain("root:x:0").contains("runner:x:1000");
        assertThat(out).contains("denied /root", "denied /home", "denied /var", "denied /etc/shadow");
        if (!showsASysfsOfItsOwn()) {
            assertThat(out).contains("denied /sys");
        }
        assertThat(out).contains("/etc/shadow absent", "/root absent", "/home absent", "/var absent");
        assertThat(out).doesNotContain("JAVA_HOME").doesNotContain("MAVEN").doesNotContain("'SHELL'");
        // Only the sandbox's own processes are visible: its init and the program.
        String pids = out.substring(out.indexOf("pids ["));
        assertThat(pids.split(",").length).isLessThanOrEqualTo(3);
    }

    @Test
    void aRunSeesOnlyItsOwnToolchain() {
        String code = "import os\nfor p in ['/usr/lib/jvm', '/usr/bin/gcc', '/usr/lib/ruby', '/usr/bin/node', '/etc/ssh', '/var/lib']:\n"
                + "    print(p, os.path.exists(p))\nprint(sorted(os.listdir('/usr/lib')))\n";
        RunResult result = run("python", code);

        assertThat(result.stdout()).as(result.toString()).doesNotContain("True");
        assertThat(result.stdout()).contains("'python3.11'").doesNotContain("'jvm'").doesNotContain("'gcc'");
    }

    @Test
    void runsCannotSeeEachOthersWorkDirectories() throws Exception {
        String writer = "import time\nopen('secret.txt', 'w').write('s3cret')\ntime.sleep(2)\n";
        String reader = "import os, time\ntime.sleep(0.5)\nfound = []\n"
                + "for top in ['/', '/work', '/tmp']:\n"
                + "    for root, dirs, files in os.walk(top):\n"
                + "        if root.startswith(('/proc', '/usr', '/dev', '/sys')):\n            dirs[:] = []\n            continue\n"
                + "        found += [os.path.join(root, f) for f in files if f == 'secret.txt']\n"
                + "print('found', found)\n";
        CompletableFuture<RunResult> first = CompletableFuture.supplyAsync(() -> run("python", writer));
        RunResult second = run("python", reader);

        assertThat(first.get().status()).isEqualTo(Status.OK);
        assertThat(second.stdout()).as(second.toString()).contains("found []");
    }

    @Test
    void processesOutsideCannotBeSignalled() {
        long jvm = ProcessHandle.current().pid();
        String code = "import os, signal\nfor pid in [" + jvm + ", 1]:\n    try:\n"
                + "        os.kill(pid, signal.SIGKILL)\n        print('killed', pid)\n"
                + "    except OSError as e:\n        print('refused', pid, e.errno)\n";
        RunResult result = run("python", code);

        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(result.stdout()).as(result.toString()).contains("refused " + jvm);
    }

    @Test
    void stopKillsARunningProgram() throws Exception {
        CompletableFuture<Void> up = new CompletableFuture<>();
        RunHandle handle = start(RunSpec.of(language("python"), "import time\nprint('up', flush=True)\ntime.sleep(60)\n",
                Limits.defaults().withWallTimeMs(30_000)), frame -> {
                    if (frame.text().contains("up")) {
                        up.complete(null);
                    }
                });
        up.get(10, TimeUnit.SECONDS);
        handle.stop();

        RunResult result = handle.result().get(5, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(Status.KILLED);
    }

    @Test
    void outputStreamsWhileTheProgramRunsAndInputArrivesLate() throws Exception {
        StringBuffer seen = new StringBuffer();
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        RunSpec spec = RunSpec.of(language("python"), "print('ready')\nname = input()\nprint('hello ' + name)\n", Limits.defaults())
                .withStdin(null);
        RunHandle handle = start(spec, frame -> {
            seen.append(frame.text());
            if (seen.toString().contains("ready\n")) {
                firstLine.complete(seen.toString());
            }
        });

        assertThat(firstLine.get(5, TimeUnit.SECONDS)).isEqualTo("ready\n");
        assertThat(handle.result()).isNotDone();
        handle.writeStdin("ada\n".getBytes(StandardCharsets.UTF_8));
        RunResult result = handle.result().get(5, TimeUnit.SECONDS);
        assertThat(result.stdout()).isEqualTo("ready\nhello ada\n");
    }
}
