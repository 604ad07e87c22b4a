package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The network attacks of {@link SandboxNetworkAttacks} against bubblewrap's runs, and against a terminal. */
class SandboxNetworkTests extends SandboxNetworkAttacks {

    @BeforeAll
    static void bubblewrap() {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
    }

    @Override
    protected RunResult run(String code, Limits limits) {
        return SandboxFixture.run("python", code, limits);
    }

    @Override
    protected List<String> leftoverProcesses() {
        return SandboxFixture.leftoverProcesses();
    }

    @Test
    void aTerminalWithNetworkCannotReachTheHostsLoopback() throws Exception {
        Path dir = Files.createTempDirectory("coderunner-network-terminal");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try (ServerSocket host = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Files.writeString(dir.resolve("probe.py"),
                    probe(List.of("loopback=127.0.0.1:" + host.getLocalPort(), "public=" + PUBLIC + ":8080")));
            TerminalTests.Screen screen = new TerminalTests.Screen();
            try (Terminal terminal = SandboxFixture.sandbox().openTerminal(TerminalSpec.shell(dir,
                    SandboxFixture.LANGUAGES.all(), Limits.defaults().withMemoryBytes(256 * Limits.MIB).withNetwork(true),
                    0.5, 200, 24), screen)) {
                terminal.write("python3 probe.py; echo end-$((3*3))\n".getBytes(StandardCharsets.UTF_8));
                String shown = screen.waitFor("end-9");
                assertThat(shown).contains("loopback FAIL").contains("public OK hello");
            }
        }
        assertNothingLeftOver();
    }
}
