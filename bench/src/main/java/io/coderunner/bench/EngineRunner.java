package io.coderunner.bench;

import io.coderunner.engine.Limits;
import io.coderunner.engine.RunResult;
import io.coderunner.engine.RunSpec;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxConfig;
import io.coderunner.engine.Sandboxes;
import io.coderunner.engine.Status;
import io.coderunner.engine.language.LanguageRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The engine called directly, as the server calls it: the sandbox's own cost, without HTTP. */
final class EngineRunner implements AutoCloseable {

    /** Slot uids of their own, so that the benchmark never shares a uid with a server on the same host. */
    private static final int UID_BASE = 64000;

    private final Sandbox sandbox;
    private final LanguageRegistry languages = LanguageRegistry.probeHost();

    EngineRunner(String runtime) {
        try {
            Path root = Files.createTempDirectory("coderunner-bench-engine");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            SandboxConfig config = SandboxConfig.defaults(root).withRuntime(runtime).withCgroupName("coderunner-bench");
            this.sandbox = Sandboxes.create(new SandboxConfig(config.runtime(), root, config.slots(), UID_BASE,
                    config.compileLimits(), config.cgroupName(), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String describe() {
        return sandbox.info().toString();
    }

    long runOnce(Workload workload) {
        RunSpec spec = RunSpec.of(languages.require(workload.language()), workload.code(), Limits.defaults());
        long started = System.nanoTime();
        RunResult result = sandbox.run(spec);
        long elapsed = System.nanoTime() - started;
        if (result.status() != Status.OK || !Workload.EXPECTED.equals(result.stdout())) {
            throw new IllegalStateException(workload.name() + " in the sandbox: " + result.status() + " " + result.reason()
                    + " " + result.stderr());
        }
        return elapsed;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
