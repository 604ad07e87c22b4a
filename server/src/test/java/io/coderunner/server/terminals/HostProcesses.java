package io.coderunner.server.terminals;

import static org.awaitility.Awaitility.await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

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
    static boolean appears(String cmdline) {
        return within(Duration.ofSeconds(5), () -> running(cmdline));
    }

    /** Waits up to five seconds for no such process to be left. */
    static boolean gone(String cmdline) {
        return within(Duration.ofSeconds(5), () -> !running(cmdline));
    }

    /** Whether the condition holds within the time, looked at every 50 ms: the callers assert on the answer. */
    private static boolean within(Duration time, Callable<Boolean> condition) {
        try {
            await().atMost(time).pollInterval(Duration.ofMillis(50)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
