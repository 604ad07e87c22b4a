package io.coderunner.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two small shell programs that let a sandbox be started before its run is known.
 *
 * <p>The sandbox's first process is {@link #INIT}: it waits for the line {@code go} on its standard
 * input, then reads the stage script from the slot's control directory (shown read-only inside)
 * and runs it. The stage script sets the run's rlimits and starts the program as a child of the
 * init, so the program keeps ordinary signal behaviour (PID 1 would ignore its own SIGABRT), and
 * the init exits with the program's status; the kernel then kills whatever is left in the
 * namespace. Standard input is saved on fd 3 because a background command otherwise reads
 * /dev/null. The shell's {@code read} takes input a byte at a time from a pipe, so everything
 * after {@code go} is left for the program.
 */
final class StageScript {

    static final String FILE_NAME = "stage.sh";
    static final String GO = "go\n";
    static final String INIT = "IFS= read -r line && [ \"$line\" = go ] || exit " + Launcher.SETUP_FAILED + "; . \"$0\"";

    private StageScript() {
    }

    /** The command the runtime starts: the init, told where the stage script will be. */
    static List<String> init(String controlDirInSandbox) {
        return List.of("/usr/bin/sh", "-c", INIT, controlDirInSandbox + "/" + FILE_NAME);
    }

    /** Writes the stage's script into the slot's control directory, ready for {@code go}. */
    static void write(Stage stage, int fileSizeBlockBytes) {
        long cpuSeconds = (stage.limits().cpuTimeMs() + 999) / 1000 + 1;
        long fileBlocks = Math.max(1, stage.limits().maxFileBytes() / fileSizeBlockBytes);
        String script = "ulimit -c 0 && ulimit -t " + cpuSeconds + " && ulimit -f " + fileBlocks
                + " && ulimit -n " + stage.limits().maxOpenFiles() + " || exit " + Launcher.SETUP_FAILED + "\n"
                + "exec 3<&0\n"
                + ShellQuote.join(stage.command()) + " <&3 3<&- &\n"
                + "wait $!\n";
        Path file = stage.stateDir().resolve(FILE_NAME);
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new io.coderunner.engine.SandboxException("cannot write the stage script " + file + ": " + e.getMessage(), e);
        }
    }
}
