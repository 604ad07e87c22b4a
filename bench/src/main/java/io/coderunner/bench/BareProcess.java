package io.coderunner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The same program as a plain child process with an empty environment but for PATH (as
 * {@code env -i PATH=/usr/bin:/bin} would run it), from a file in a directory of its own: the figure the sandbox is compared against.
 */
final class BareProcess {

    private final Workload workload;
    private final Path dir;

    BareProcess(Workload workload) {
        this.workload = workload;
        try {
            this.dir = Files.createTempDirectory("coderunner-bench-bare");
            Files.writeString(dir.resolve(workload.fileName()), workload.code(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs once (compiling first when the language is compiled) and returns the wall time in nanoseconds. */
    long runOnce() {
        long started = System.nanoTime();
        if (!workload.compile().isEmpty()) {
            run(workload.compile());
        }
        String out = run(workload.run());
        long elapsed = System.nanoTime() - started;
        if (!out.equals(Workload.EXPECTED)) {
            throw new IllegalStateException(workload.name() + " printed " + out + " as a bare process");
        }
        return elapsed;
    }

    private String run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            // Only what a compiler driver needs to find its assembler and linker.
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
