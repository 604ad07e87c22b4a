package io.coderunner.server.terminals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The host's processes, read from /proc: what a terminal left running is visible here whatever its namespaces. */
final class HostProcesses {

    private HostProcesses() {
    }

    /** Whether a live (not zombie) host process has exactly this command line. */
    static boolean running(String cmdline) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    String line = Files.readString(p.resolve("cmdline")).replace('\0', ' ').strip();
                    String state = Files.readString(p.resolve("status")).replaceAll("(?s).*State:\\s*(\\S).*", "$1");
                    return line.equals(cmdline) && !state.equals("Z");
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits up to five seconds for such a process to run: a shell forks a background job and goes
     * on before the child has executed its program.
     */
    static boolean appears(String cmdline) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (running(cmdline)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits up to five seconds for no such process to be left. */
    static boolean gone(String cmdline) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!running(cmdline)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
