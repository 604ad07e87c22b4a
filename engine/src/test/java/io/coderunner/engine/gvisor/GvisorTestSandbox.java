package io.coderunner.engine.gvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxConfig;
import io.coderunner.engine.Sandboxes;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A real gVisor sandbox of a test class's own (its own slot uids and cgroup name, so it never meets
 * the other engine tests'), with the view of its host processes that tells what a run left behind.
 */
final class GvisorTestSandbox implements AutoCloseable {

    static final int SLOTS = 2;
    static final Path RUNSC = Path.of("/usr/bin/runsc");

    final LanguageRegistry languages;
    final Sandbox sandbox;
    final RunscProcesses processes;
    final Path root;

    private GvisorTestSandbox(LanguageRegistry languages, Sandbox sandbox, RunscProcesses processes, Path root) {
        this.languages = languages;
        this.sandbox = sandbox;
        this.processes = processes;
        this.root = root;
    }

    /** Skips the calling test class where gVisor cannot run. */
    static GvisorTestSandbox open(int uidBase, String cgroupName) throws IOException {
        assumeTrue(Files.isExecutable(RUNSC), "gVisor is not installed: /usr/bin/runsc is missing (apt-get install runsc)");
        assumeTrue("root".equals(System.getProperty("user.name")), "gVisor needs the tests to run as root (runsc must start as root)");
        LanguageRegistry languages = LanguageRegistry.probeHost();
        Path root = Files.createTempDirectory("coderunner-gvisor-tests");
        // Slot uids must be able to pass through to their work directories.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        Sandbox sandbox = Sandboxes.create(new SandboxConfig(SandboxConfig.GVISOR, root, SLOTS, uidBase,
                SandboxConfig.defaultCompileLimits(), cgroupName, false));
        return new GvisorTestSandbox(languages, sandbox, new RunscProcesses(root.resolve("state"), cgroupName, uidBase, SLOTS),
                root);
    }

    /** The installed language, or the calling test is skipped. */
    Language language(String id) {
        Language language = languages.find(id).orElse(null);
        assumeTrue(language != null, id + " is not installed on this host");
        return language;
    }

    /** Closes the sandbox, which ends the waiting sandboxes too: then nothing at all may remain. */
    @Override
    public void close() throws IOException {
        sandbox.close();
        assertThat(processes.waitingSandboxes()).as("waiting sandboxes after close").isEmpty();
        assertThat(processes.leftovers()).as("processes left after close").isEmpty();
        assertThat(Files.readAllLines(Path.of("/proc/mounts"))).as("work directories unmounted")
                .noneMatch(line -> line.contains(root.toString()));
        OciBundle.deleteTree(root);
    }
}
