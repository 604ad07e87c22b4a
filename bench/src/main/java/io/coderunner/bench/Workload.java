package io.coderunner.bench;

import java.util.List;

/**
 * One program measured three ways: as a bare process, through the engine, and through the API.
 *
 * @param language    the language id the API and the engine take
 * @param fileName    the file the source is written to (as the sandbox does)
 * @param code        the program; it must print {@link #EXPECTED}
 * @param compile     the bare compile command, or empty for an interpreted language
 * @param run         the bare run command, in the directory holding the file
 * @param iterations  measured runs of each kind (after a warm-up)
 * @param requests    requests sent at each concurrency of the throughput test
 */
record Workload(String name, String language, String fileName, String code, List<String> compile, List<String> run,
                int iterations, int requests) {

    static final String EXPECTED = "1\n";

    static List<Workload> standard(double scale) {
        return List.of(
                new Workload("Python print(1)", "python", "main.py", "print(1)\n", List.of(),
                        List.of("/usr/bin/python3", "main.py"), scaled(200, scale), scaled(300, scale)),
                new Workload("Node console.log(1)", "javascript", "main.js", "console.log(1)\n", List.of(),
                        List.of("/usr/bin/node", "main.js"), scaled(100, scale), scaled(150, scale)),
                new Workload("C hello (compile + run)", "c", "main.c",
                        "#include <stdio.h>\nint main(void) { printf(\"1\\n\"); return 0; }\n",
                        List.of("/usr/bin/gcc", "-O2", "-std=gnu17", "-pipe", "-o", "main", "main.c", "-lm"),
                        List.of("./main"), scaled(40, scale), scaled(40, scale)));
    }

    private static int scaled(int count, double scale) {
        return Math.max(5, (int) Math.round(count * scale));
    }
}
