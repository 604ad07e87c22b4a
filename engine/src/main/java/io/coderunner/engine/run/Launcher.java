package io.coderunner.engine.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the launcher: a few lines of /bin/sh that put themselves into the stage's control groups
 * (so that every process the stage ever starts is accounted from the first instruction), drop to
 * the slot's unprivileged uid (unless the runtime must start as root and drops privileges itself)
 * and exec the runtime. Written as shell because the JVM cannot join a cgroup between fork and
 * exec; a tiny shell costs under a millisecond and needs nothing installed.
 * The run's rlimits are set later, inside the sandbox, by the stage script.
 */
final class Launcher {

    /** Exit code of the launcher when it could not set the stage up (not the program's fault). */
    static final int SETUP_FAILED = 125;

    private final boolean dropToSlotUid;

    /** @param dropToSlotUid false for a runtime that must start as root and drops privileges itself */
    Launcher(boolean dropToSlotUid) {
        this.dropToSlotUid = dropToSlotUid;
    }

    List<String> command(Stage stage, List<Path> procsFiles, List<String> isolated, List<Descriptor> descriptors) {
        return command(stage, procsFiles, isolated, descriptors, null);
    }

    /**
     * @param netns a network namespace of the stage's own to enter while still root, before the uid
     *              is dropped (null: the runtime's own choice, which for bubblewrap is no network)
     */
    List<String> command(Stage stage, List<Path> procsFiles, List<String> isolated, List<Descriptor> descriptors,
                         Path netns) {
        StringBuilder script = new StringBuilder();
        for (Path procs : procsFiles) {
            script.append("echo $$ > ").append(ShellQuote.quote(procs.toString()))
                    .append(" || exit ").append(SETUP_FAILED).append('\n');
        }
        List<String> exec = new ArrayList<>();
        if (netns != null) {
            exec.addAll(List.of("nsenter", "--net=" + netns, "--"));
        }
        if (dropToSlotUid && stage.hostUid() != null) {
            exec.addAll(List.of("setpriv", "--reuid=" + stage.hostUid(), "--regid=" + stage.hostUid(),
                    "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"));
        }
        exec.addAll(isolated);
        script.append("exec ").append(ShellQuote.join(exec));
        for (Descriptor descriptor : descriptors) {
            script.append(' ').append(descriptor.fd()).append(descriptor.write() ? "> " : "< ")
                    .append(ShellQuote.quote(descriptor.path().toString()));
        }
        script.append('\n');
        return List.of("/bin/sh", "-c", script.toString(), "coderunner-launcher");
    }
}
