package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coderunner.engine.language.Language;
import org.junit.jupiter.api.BeforeAll;

/** The containment attacks of {@link SandboxContainmentAttacks} against bubblewrap's runs. */
class SandboxContainmentTests extends SandboxContainmentAttacks {

    @BeforeAll
    static void requireBubblewrap() {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
    }

    @Override
    protected RunResult run(String language, String code, Limits limits) {
        return SandboxFixture.run(language, code, limits);
    }

    @Override
    protected RunHandle start(RunSpec spec, OutputListener listener) {
        return SandboxFixture.sandbox().start(spec, listener);
    }

    @Override
    protected Language language(String id) {
        return SandboxFixture.language(id);
    }

    /** Only a root engine runs programs as slot uids of their own, whose processes can be told apart. */
    @Override
    protected void assertNothingOutlivedTheRun() {
        if (SandboxFixture.root()) {
            assertThat(SandboxFixture.leftoverProcesses()).as("processes left by the run").isEmpty();
        }
    }
}
