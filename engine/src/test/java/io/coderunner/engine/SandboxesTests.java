package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxesTests {

    @Test
    void theUnsafeRuntimeMustBeAllowedExplicitly(@TempDir Path root) {
        SandboxConfig config = SandboxConfig.defaults(root).withRuntime(SandboxConfig.UNSAFE_PROCESS);

        assertThatThrownBy(() -> Sandboxes.create(config))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("must be allowed explicitly");
    }

    @Test
    void anUnknownRuntimeIsNamedInTheError(@TempDir Path root) {
        assertThatThrownBy(() -> Sandboxes.create(SandboxConfig.defaults(root).withRuntime("docker")))
                .hasMessageContaining("unknown sandbox runtime 'docker'");
    }
}
