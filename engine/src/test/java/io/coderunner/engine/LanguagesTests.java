package io.coderunner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coderunner.engine.language.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every language this host offers, run for real in the sandbox. */
class LanguagesTests {

    /** A program per language that reads a line of input and its first argument and prints both. */
    private static final Map<String, String> ECHO_PROGRAMS = Map.ofEntries(
            Map.entry("python", "import sys\nline = input()\nprint('in=' + line + ' arg=' + sys.argv[1])\n"),
            Map.entry("javascript", "const line = require('fs').readFileSync(0, 'utf8').trim();\n"
                    + "console.log('in=' + line + ' arg=' + process.argv[2]);\n"),
            Map.entry("java", "import java.util.Scanner;\npublic class Main {\n  public static void main(String[] a) {\n"
                    + "    String line = new Scanner(System.in).nextLine();\n"
                    + "    System.out.println(\"in=\" + line + \" arg=\" + a[0]);\n  }\n}\n"),
            Map.entry("c", "#include <stdio.h>\nint main(int c, char **v) {\n  char l[100];\n  scanf(\"%99s\", l);\n"
                    + "  printf(\"in=%s arg=%s\\n\", l, v[1]);\n  return 0;\n}\n"),
            Map.entry("cpp", "#include <iostream>\n#include <string>\nint main(int c, char **v) {\n  std::string l;\n"
                    + "  std::cin >> l;\n  std::cout << \"in=\" << l << \" arg=\" << v[1] << std::endl;\n}\n"),
            Map.entry("bash", "read line\necho \"in=$line arg=$1\"\n"),
            Map.entry("go", "package main\nimport (\"fmt\"; \"os\")\nfunc main() {\n  var l string\n  fmt.Scan(&l)\n"
                    + "  fmt.Printf(\"in=%s arg=%s\\n\", l, os.Args[1])\n}\n"),
            Map.entry("ruby", "line = $stdin.gets.strip\nputs \"in=#{line} arg=#{ARGV[0]}\"\n"),
            Map.entry("php", "<?php\n$l = trim(fgets(STDIN));\necho \"in=$l arg=\" . $argv[1] . \"\\n\";\n"),
            Map.entry("rust", "use std::io::Read;\nfn main() {\n  let mut s = String::new();\n"
                    + "  std::io::stdin().read_to_string(&mut s).unwrap();\n"
                    + "  let a: Vec<String> = std::env::args().collect();\n"
                    + "  println!(\"in={} arg={}\", s.trim(), a[1]);\n}\n"));

    @BeforeAll
    static void requireBubblewrap() {
        assumeTrue(SandboxFixture.bubblewrapInstalled(), "bubblewrap is not installed: run scripts/setup.sh");
    }

    static Stream<Language> runnableLanguages() {
        return SandboxFixture.LANGUAGES.all().stream().filter(l -> !l.preview());
    }

    @Test
    void theHostOffersTheCoreLanguagesWithRealVersions() {
        for (String id : List.of("python", "javascript", "java", "c", "cpp", "bash")) {
            Language language = SandboxFixture.language(id);
            assertThat(language.version()).as(id).matches("\\d+(\\.\\d+)*");
        }
        assertThat(SandboxFixture.language("node").id()).isEqualTo("javascript");
        assertThat(SandboxFixture.language("C++").id()).isEqualTo("cpp");
        assertThat(SandboxFixture.language("sh").id()).isEqualTo("bash");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnableLanguages")
    void templateRunsAndSaysHello(Language language) {
        RunResult result = SandboxFixture.sandbox().run(RunSpec.of(language, language.template(), Limits.defaults()));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        // Every language's starting program shows the same things: a function, a loop, output.
        assertThat(result.stdout()).isEqualTo("Hello, World!\nFibonacci: 0 1 1 2 3 5 8 13 21 34\n");
        assertThat(result.stderr()).as("warnings of the compiler or the runtime").isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.wallTimeMs()).isPositive();
        assertThat(SandboxFixture.leftoverProcesses()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnableLanguages")
    void programReadsStdinAndArguments(Language language) {
        String program = ECHO_PROGRAMS.get(language.id());
        assertThat(program).as("an echo program for " + language.id()).isNotNull();
        RunSpec spec = RunSpec.of(language, program, Limits.defaults())
                .withStdin("hello\n".getBytes(StandardCharsets.UTF_8))
                .withArgs(List.of("first", "second"));

        RunResult result = SandboxFixture.sandbox().run(spec);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.stdout().strip()).isEqualTo("in=hello arg=first");
    }

    @Test
    void htmlIsReturnedAsAPreviewAndNotRun() {
        RunResult result = SandboxFixture.run("html", "<h1>Hi</h1>");

        assertThat(result.status()).isEqualTo(Status.OK);
        assertThat(result.preview()).isEqualTo("<h1>Hi</h1>");
        assertThat(result.run()).isNull();
    }

    @Test
    void multiFilePythonImportsItsOwnModule() {
        RunSpec spec = new RunSpec(SandboxFixture.language("python"), List.of(
                new SourceFile("main.py", "import helper\nprint(helper.twice(21))\n"),
                new SourceFile("helper.py", "def twice(x):\n    return 2 * x\n")), new byte[0], List.of(), Limits.defaults());

        RunResult result = SandboxFixture.sandbox().run(spec);

        assertThat(result.stdout().strip()).isEqualTo("42");
    }

    @Test
    void multiFileCCompilesEverySource() {
        RunSpec spec = new RunSpec(SandboxFixture.language("c"), List.of(
                new SourceFile("main.c", "#include <stdio.h>\n#include \"add.h\"\nint main(void){printf(\"%d\\n\", add(40, 2));}\n"),
                new SourceFile("add.h", "int add(int a, int b);\n"),
                new SourceFile("add.c", "int add(int a, int b) { return a + b; }\n")), new byte[0], List.of(), Limits.defaults());

        RunResult result = SandboxFixture.sandbox().run(spec);

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.stdout().strip()).isEqualTo("42");
    }

    @Test
    void compileErrorsAreReportedApartFromRunOutput() {
        RunResult result = SandboxFixture.run("c", "int main(void) { return undefined_name; }\n");

        assertThat(result.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(result.compileOutput()).contains("undefined_name");
        assertThat(result.run()).isNull();
    }

    @Test
    void javaCompileErrorIsACompileError() {
        RunResult result = SandboxFixture.run("java", "public class Main { void broken( }\n");

        assertThat(result.status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(result.compileOutput()).contains("error");
    }

    @Test
    void nonZeroExitIsARuntimeErrorWithItsCode() {
        RunResult result = SandboxFixture.run("python", "import sys\nprint('before')\nsys.exit(3)\n");

        assertThat(result.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("before\n");
    }

    @Test
    void aCrashIsARuntimeErrorWithItsSignal() {
        RunResult result = SandboxFixture.run("c", "int main(void) { volatile int *p = 0; *p = 1; return 0; }\n");

        assertThat(result.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(result.signal()).isEqualTo(11);
    }

    @Test
    void abortEndsTheProgramWithSigabrt() {
        RunResult result = SandboxFixture.run("c", "#include <stdlib.h>\nint main(void) { abort(); }\n");

        assertThat(result.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(result.signal()).isEqualTo(6);
    }

    @Test
    void invalidUtf8OutputIsKeptAsSafeText() {
        RunResult result = SandboxFixture.run("python", "import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe end')\n");

        assertThat(result.status()).isEqualTo(Status.OK);
        assertThat(result.stdout()).startsWith("ok ").endsWith(" end").contains("\uFFFD");
    }
}
