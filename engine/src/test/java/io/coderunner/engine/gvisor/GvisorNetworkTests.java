package io.coderunner.engine.gvisor;

import io.coderunner.engine.Limits;
import io.coderunner.engine.RunResult;
import io.coderunner.engine.RunSpec;
import io.coderunner.engine.SandboxNetworkAttacks;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The network attacks of {@link SandboxNetworkAttacks} against gVisor's runs: runsc in the stage's
 * own namespace behind the firewall, and after each run no runsc process of it is left, besides the
 * namespace and pasta the attacks already check.
 */
class GvisorNetworkTests extends SandboxNetworkAttacks {

    private static final int UID_BASE = 63100;
    private static final String CGROUP_NAME = "coderunner-gvisor-network-tests";

    private static GvisorTestSandbox gvisor;

    @BeforeAll
    static void startSandbox() throws IOException {
        gvisor = GvisorTestSandbox.open(UID_BASE, CGROUP_NAME);
    }

    @AfterAll
    static void closeSandbox() throws IOException {
        if (gvisor != null) {
            gvisor.close();
            gvisor = null;
        }
    }

    @Override
    protected RunResult run(String code, Limits limits) {
        return gvisor.sandbox.run(RunSpec.of(gvisor.language("python"), code, limits));
    }

    /** gVisor's own stack, given no network, has no route rather than an unreachable network. */
    @Override
    protected String noNetworkError() {
        return "No route to host";
    }

    @Override
    protected List<String> leftoverProcesses() {
        return gvisor.processes.leftoversNow();
    }
}
