package io.coderunner.engine.gvisor;

import io.coderunner.engine.SandboxException;
import io.coderunner.engine.run.Isolation;
import io.coderunner.engine.run.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Isolation by gVisor (runsc): programs talk to a user-space kernel, not to the host's. */
public final class GvisorIsolation implements Isolation {

    private final String runsc;
    private final Path stateRoot;

    public GvisorIsolation(String runsc, Path stateRoot) {
        this.runsc = runsc;
        this.stateRoot = stateRoot;
    }

    @Override
    public String name() {
        return "gvisor";
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public void verifyAvailable() {
        if (!Files.isExecutable(Path.of(runsc))) {
            throw new SandboxException("gVisor is not installed (" + runsc + " not found): install the 'runsc' package");
        }
        throw new SandboxException("the gvisor runtime is not available in this version");
    }

    @Override
    public String controlDir(Stage stage) {
        return "/run/coderunner";
    }

    @Override
    public List<String> command(Stage stage, List<String> init) {
        throw new SandboxException("the gvisor runtime is not available in this version");
    }
}
