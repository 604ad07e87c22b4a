package io.coderunner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import io.coderunner.engine.bubblewrap.BubblewrapIsolation;
import io.coderunner.engine.cgroup.CgroupSystem;
import io.coderunner.engine.gvisor.GvisorIsolation;
import io.coderunner.engine.run.Isolation;
import io.coderunner.engine.run.IsolatedSandbox;
import io.coderunner.engine.unsafe.UnsafeProcessIsolation;

/** Makes the sandbox the configuration asks for. */
public final class Sandboxes {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private Sandboxes() {
    }

    public static Sandbox create(SandboxConfig config) {
        Isolation isolation = switch (config.runtime()) {
            case SandboxConfig.BUBBLEWRAP -> new BubblewrapIsolation("/usr/bin/bwrap", config.root().resolve("state"));
            case SandboxConfig.GVISOR -> new GvisorIsolation("/usr/bin/runsc", config.root().resolve("state"));
            case SandboxConfig.UNSAFE_PROCESS -> {
                if (!config.allowUnsafe()) {
                    throw new SandboxException("the unsafe-process runtime does not contain programs and is for "
                            + "development only: it must be allowed explicitly");
                }
                yield new UnsafeProcessIsolation();
            }
            default -> throw new SandboxException("unknown sandbox runtime '" + config.runtime()
                    + "'; choose bubblewrap, gvisor or unsafe-process");
        };
        boolean root = isRoot();
        // One group per sandbox instance, so that two sandboxes in one host never share a group.
        String group = config.cgroupName() + "-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        return new IsolatedSandbox(isolation, CgroupSystem.detect(group), config, root);
    }

    /** Whether this process runs as root, and so can give each slot a uid and a tmpfs of its own. */
    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
