package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coderunner.engine.language.LanguageRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * A slot's first run in a project's folder, then an ordinary run in the same slot: the sandbox
 * started ahead for the second must see the files written for it (the slot's work directory is
 * mounted before that sandbox binds it, not after).
 */
class SlotReuseTests {

    @Test
    void aRunAfterARunInAProjectFolderSeesItsOwnFiles() throws Exception {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
        assumeTrue(SandboxFixture.root(), "slots of their own need root");
        Path root = Files.createTempDirectory("coderunner-slot-reuse");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        Path project = Files.createDirectory(root.resolve("project"));
        LanguageRegistry languages = SandboxFixture.LANGUAGES;
        // One slot, so both runs take it; uids apart from the shared fixture's.
        SandboxConfig config = new SandboxConfig(SandboxConfig.BUBBLEWRAP, root.resolve("engine"), 1, 62700,
                SandboxConfig.defaultCompileLimits(), "coderunner-slot-reuse-tests", false);
        try (Sandbox sandbox = Sandboxes.create(config)) {
            RunResult inProject = sandbox.run(RunSpec.of(languages.require("python"), "print('in the project')\n",
                    Limits.defaults()).inDirectory(project));
            assertThat(inProject.stdout()).as(inProject.toString()).isEqualTo("in the project\n");

            for (int i = 0; i < 3; i++) {
                RunResult ordinary = sandbox.run(RunSpec.of(languages.require("python"), "print('run " + i + "')\n",
                        Limits.defaults()));
                assertThat(ordinary.stdout()).as(ordinary.toString()).isEqualTo("run " + i + "\n");
            }
        }
    }
}
