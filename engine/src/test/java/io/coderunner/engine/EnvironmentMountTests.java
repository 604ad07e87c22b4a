package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A run's environment directory: writable to the step that installs, read-only to runs, found by the language. */
class EnvironmentMountTests {

    private static final String AT = "/opt/environment";

    @BeforeAll
    static void requireBubblewrap() {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
    }

    @Test
    void aWritableEnvironmentTakesWhatTheStepWritesAndARunSeesItReadOnly() throws Exception {
        Path venv = virtualEnvironment();
        RunEnvironment writable = python(venv, true);
        String install = "import os, sys\n"
                + "site = [p for p in sys.path if p.endswith('site-packages')][0]\n"
                + "open(os.path.join(site, 'greeting.py'), 'w').write('WORDS = \"from the environment\"\\n')\n"
                + "print(sys.prefix)\n";
        RunResult step = run(install, writable);
        assertThat(step.status()).as(step.reason() + step.stderr()).isEqualTo(Status.OK);
        assertThat(step.stdout().strip()).isEqualTo(AT);
        assertThat(Files.exists(venv.resolve("lib").resolve(pythonDir()).resolve("site-packages/greeting.py"))).isTrue();

        // Open to every uid on the host, so that only the read-only mount can refuse the run's writes.
        try (var entries = Files.walk(venv)) {
            for (Path path : entries.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        }
        RunResult use = run("import errno, greeting, os, sys\nprint(greeting.WORDS, sys.prefix, os.environ['VIRTUAL_ENV'])\n"
                + "for path in (greeting.__file__, os.path.dirname(greeting.__file__) + '/new.py'):\n"
                + "    try:\n        open(path, 'a').write('x')\n    except OSError as e:\n        print(errno.errorcode[e.errno])\n",
                python(venv, false));
        assertThat(use.status()).as(use.stderr()).isEqualTo(Status.OK);
        assertThat(use.stdout()).isEqualTo("from the environment " + AT + " " + AT + "\nEROFS\nEROFS\n");
    }

    @Test
    void withoutTheEnvironmentItsPackagesAreNotThere() throws Exception {
        Path venv = virtualEnvironment();
        assertThat(run("import os\nprint(os.path.exists('" + AT + "'))\n", null).stdout()).isEqualTo("False\n");
        assertThat(run("import os\nprint(os.path.exists('" + AT + "/pyvenv.cfg'))\n", python(venv, false)).stdout() + "")
                .isEqualTo("True\n");
    }

    @Test
    void anEnvironmentCannotCoverTheSandboxsOwnPlaces() {
        for (String place : List.of("/work", "/tmp/x", "/usr/lib", "/", "/opt/../etc")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunEnvironment(Path.of("/tmp"), place, false,
                    Map.of(), Map.of(), List.of())).isInstanceOf(InvalidRunException.class);
        }
    }

    private static RunResult run(String code, RunEnvironment environment) {
        RunSpec spec = RunSpec.of(SandboxFixture.language("python"), code, Limits.defaults()).withEnvironment(environment);
        return SandboxFixture.sandbox().run(spec);
    }

    private static RunEnvironment python(Path venv, boolean writable) {
        return new RunEnvironment(venv, AT, writable, Map.of("VIRTUAL_ENV", AT, "PATH", AT + "/bin:/usr/bin:/bin"),
                Map.of("/usr/bin/python3", AT + "/bin/python3"), List.of());
    }

    private static Path virtualEnvironment() throws IOException, InterruptedException {
        Path parent = Files.createTempDirectory("coderunner-venv");
        // Slot uids pass through an environment's parents, as they do to their work directories.
        Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path dir = parent.resolve("env");
        Process venv = new ProcessBuilder("/usr/bin/python3", "-I", "-m", "venv", "--without-pip", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(venv.getInputStream().readAllBytes());
        assertThat(venv.waitFor()).as(output).isZero();
        return dir;
    }

    private static String pythonDir() {
        String version = SandboxFixture.language("python").version();
        return "python" + version.substring(0, version.lastIndexOf('.'));
    }
}
