package io.coderunner.engine.gvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputListener;
import io.coderunner.engine.RunHandle;
import io.coderunner.engine.RunEnvironment;
import io.coderunner.engine.RunResult;
import io.coderunner.engine.RunSpec;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.Status;
import io.coderunner.engine.language.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real runs under gVisor, in a sandbox of the tests' own (uids 63000-63001 and a cgroup name of
 * their own, so it never meets the other engine tests'): programs work, environments are writable
 * only to their install step, and no runsc process or state of a run outlives it. The attacks every
 * runtime must contain are {@link GvisorContainmentTests}.
 */
class GvisorSandboxTests {

    private static final int UID_BASE = 63000;
    private static final int SLOTS = GvisorTestSandbox.SLOTS;
    private static final String CGROUP_NAME = "coderunner-gvisor-tests";
    private static final Path RUNSC = GvisorTestSandbox.RUNSC;

    private static GvisorTestSandbox gvisor;
    private static Sandbox sandbox;
    private static RunscProcesses processes;
    private static Path root;

    @BeforeAll
    static void startSandbox() throws IOException {
        gvisor = GvisorTestSandbox.open(UID_BASE, CGROUP_NAME);
        sandbox = gvisor.sandbox;
        processes = gvisor.processes;
        root = gvisor.root;
    }

    @AfterAll
    static void closeSandbox() throws IOException {
        if (gvisor != null) {
            gvisor.close();
        }
    }

    private long launchesBefore;
    private boolean ran;

    @BeforeEach
    void rememberTheNewestSandbox() {
        launchesBefore = processes.newestLaunch();
    }

    @AfterEach
    void nothingOutlivesTheRun() {
        if (ran) {
            // Once the slot's next sandbox waits, the engine is done with the run (and closing is safe).
            assertThat(processes.awaitLaunchAfter(launchesBefore))
                    .as("the slot's next sandbox was started after launch " + launchesBefore + ": " + processes.ours()).isTrue();
        }
        assertThat(processes.leftovers()).as("processes left by the run").isEmpty();
    }

    @Test
    void anEnvironmentIsWritableToItsInstallStepAndReadOnlyToRuns() throws Exception {
        Path parent = Files.createTempDirectory(root, "environment");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
        Path venv = parent.resolve("env");
        Process made = new ProcessBuilder("/usr/bin/python3", "-I", "-m", "venv", "--without-pip", venv.toString()).start();
        assertThat(made.waitFor()).isZero();
        String at = "/opt/environment";
        Map<String, String> variables = Map.of("VIRTUAL_ENV", at);
        Map<String, String> programs = Map.of("/usr/bin/python3", at + "/bin/python3");

        RunResult step = run(RunSpec.of(language("python"), "import sys, os\n"
                + "site = [p for p in sys.path if p.endswith('site-packages')][0]\n"
                + "open(os.path.join(site, 'greeting.py'), 'w').write('WORDS = 42\\n')\n", Limits.defaults())
                .withEnvironment(new RunEnvironment(venv, at, true, variables, programs, List.of())));
        assertThat(step.status()).as(step.reason() + step.stderr()).isEqualTo(Status.OK);

        RunResult use = run(RunSpec.of(language("python"), "import greeting, errno, os\nprint(greeting.WORDS)\n"
                + "try:\n    open(os.path.dirname(greeting.__file__) + '/new.py', 'w')\nexcept OSError as e:\n"
                + "    print(errno.errorcode[e.errno])\n", Limits.defaults())
                .withEnvironment(new RunEnvironment(venv, at, false, variables, programs, List.of())));
        assertThat(use.status()).as(use.reason() + use.stderr()).isEqualTo(Status.OK);
        assertThat(use.stdout()).startsWith("42\n").containsAnyOf("EROFS", "EACCES");
    }

    private RunResult run(String language, String code, Limits limits) {
        return run(RunSpec.of(language(language), code, limits));
    }

    private RunResult run(RunSpec spec) {
        ran = true;
        return sandbox.run(spec);
    }

    private RunHandle start(RunSpec spec, OutputListener listener) {
        ran = true;
        return sandbox.start(spec, listener);
    }

    private static Language language(String id) {
        return gvisor.language(id);
    }

    @Test
    void pythonReadsStdinAndArguments() {
        String code = "import os, sys\nline = input()\nprint('in=' + line, 'args=' + ','.join(sys.argv[1:]))\n"
                + "print('uid', os.getuid(), 'cwd', os.getcwd())\n";
        RunSpec spec = RunSpec.of(language("python"), code, Limits.defaults())
                .withStdin("hello\n".getBytes(StandardCharsets.UTF_8))
                .withArgs(List.of("first", "second"));

        RunResult result = run(spec);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.stdout()).isEqualTo("in=hello args=first,second\nuid 1000 cwd /work\n");
    }

    @Test
    void aCProgramCompilesAndRuns() {
        String code = "#include <stdio.h>\nint main(void) {\n  int a, b;\n  if (scanf(\"%d %d\", &a, &b) != 2) return 3;\n"
                + "  printf(\"sum=%d\\n\", a + b);\n  return 0;\n}\n";
        RunSpec spec = RunSpec.of(language("c"), code, Limits.defaults()).withStdin("20 22\n".getBytes(StandardCharsets.UTF_8));

        RunResult result = run(spec);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.compile()).isNotNull();
        assertThat(result.compile().status()).isEqualTo(Status.OK);
        assertThat(result.stdout()).isEqualTo("sum=42\n");
    }

    @Test
    void everyRunscProcessOfAStoppedRunDies() throws Exception {
        CompletableFuture<Void> up = new CompletableFuture<>();
        RunHandle handle = start(RunSpec.of(language("python"), "import time\nprint('up', flush=True)\ntime.sleep(60)\n",
                Limits.defaults().withWallTimeMs(30_000)), frame -> {
                    if (frame.text().contains("up")) {
                        up.complete(null);
                    }
                });
        up.get(10, TimeUnit.SECONDS);
        List<RunscProcesses.HostProcess> during = processes.ours();

        handle.stop();
        assertThat(handle.result().get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.KILLED);
        assertThat(processes.leftovers()).isEmpty();
        Set<Long> waiting = processes.waitingPids();
        List<RunscProcesses.HostProcess> ofTheRun = during.stream().filter(p -> !waiting.contains(p.pid())).toList();

        // runsc, its gofer and its sentry (with the sentry's stub processes) ran the program ...
        assertThat(ofTheRun).extracting(p -> p.args().isEmpty() ? "stub" : p.args().get(0))
                .contains("/usr/bin/runsc", "runsc-gofer", "runsc-sandbox", "stub");
        // ... and the engine's kill of the stage's control group ended every one of them.
        assertThat(ofTheRun).filteredOn(p -> RunscProcesses.running(p.pid())).isEmpty();
    }

    @Test
    void runscKeepsNoStateOfEndedContainers() throws Exception {
        run("python", "while True:\n    pass\n", Limits.defaults().withCpuTimeMs(300));
        // Each slot may hold its waiting sandbox; any other container runsc knows of is stale.
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(runscList()).hasSizeLessThanOrEqualTo(SLOTS).allMatch(line -> line.contains("running")));
    }

    private static List<String> runscList() throws IOException, InterruptedException {
        Process list = new ProcessBuilder(RUNSC.toString(), "--root=" + root.resolve("state").resolve("runsc"), "list")
                .redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out.lines().skip(1).filter(line -> !line.isBlank()).toList();
    }
}
