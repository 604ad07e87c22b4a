package io.coderunner.engine.unsafe;

import io.coderunner.engine.SandboxException;
import io.coderunner.engine.language.Mount;
import io.coderunner.engine.run.Isolation;
import io.coderunner.engine.run.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the program as a plain host process in its work directory, with a cleared environment.
 * It contains nothing: for development on machines without bubblewrap, and only when the
 * configuration explicitly allows it. Control groups and rlimits still apply.
 */
public final class UnsafeProcessIsolation implements Isolation {

    @Override
    public String name() {
        return "unsafe-process";
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public void verifyAvailable() {
        // Needs nothing but coreutils' env.
    }

    @Override
    public String controlDir(Stage stage) {
        return stage.stateDir().toString();
    }

    @Override
    public List<String> command(Stage stage, List<String> init) {
        if (stage.mounts().stream().anyMatch(Mount::environment)) {
            // A plain process has no file-system view of its own in which to show an environment.
            throw new SandboxException("the unsafe-process runtime cannot run in an environment: "
                    + "use bubblewrap or gvisor");
        }
        List<String> args = new ArrayList<>(List.of("/usr/bin/env", "-i", "-C", stage.workDir().toString()));
        stage.env().forEach((key, value) -> args.add(key + "=" + value.replace(Stage.SANDBOX_WORK_DIR, stage.workDir().toString())));
        args.add("HOME=" + stage.workDir());
        args.addAll(init);
        return args;
    }
}
