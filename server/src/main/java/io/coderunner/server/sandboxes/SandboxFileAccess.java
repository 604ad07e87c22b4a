package io.coderunner.server.sandboxes;

import io.coderunner.engine.Limits;
import io.coderunner.server.security.Caller;
import org.springframework.stereotype.Service;

/**
 * Opens a caller's started sandbox's files for the file endpoints (native and Daytona alike):
 * through {@link SandboxService#live}, so the one access check applies, a sandbox that is not
 * started answers 409 naming its state, and every file call counts as activity.
 */
@Service
public class SandboxFileAccess {

    private final SandboxService sandboxes;
    private final SandboxHost host;

    SandboxFileAccess(SandboxService sandboxes, SandboxHost host) {
        this.sandboxes = sandboxes;
        this.host = host;
    }

    public SandboxFiles files(Caller caller, String idOrName) {
        SandboxRecord sandbox = sandboxes.owned(caller, idOrName);
        LiveSandbox live = sandboxes.live(caller, sandbox.id());
        return new SandboxFiles(live.files(), sandbox.diskMb() * Limits.MIB, () -> host.diskBytes(sandbox.id()));
    }
}
