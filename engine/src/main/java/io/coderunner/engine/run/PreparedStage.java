package io.coderunner.engine.run;

import io.coderunner.engine.cgroup.RunCgroup;

/**
 * A sandbox started ahead of its run: namespaces made, file system mounted, in its control group,
 * its output already being read, waiting for {@code go}. It fits any stage with the same
 * {@link Stage#launchKey() launch key}; the rest (command, limits) is given when it starts.
 */
final class PreparedStage {

    final Stage.LaunchKey key;
    final RunCgroup cgroup;
    final Process process;
    final OutputCollector out;
    final OutputCollector err;
    final Thread outReader;
    final Thread errReader;
    /** The stage's own network namespace and pasta, or null when it has no network. */
    final UserModeNetwork network;

    PreparedStage(Stage.LaunchKey key, RunCgroup cgroup, Process process, OutputCollector out, OutputCollector err,
                  Thread outReader, Thread errReader, UserModeNetwork network) {
        this.key = key;
        this.cgroup = cgroup;
        this.process = process;
        this.out = out;
        this.err = err;
        this.outReader = outReader;
        this.errReader = errReader;
        this.network = network;
    }

    boolean fits(Stage stage) {
        return key.equals(stage.launchKey()) && process.isAlive();
    }

    /** Ends a sandbox that will not be used. */
    void discard() {
        cgroup.close();
        process.destroyForcibly();
        closeNetwork();
    }

    void closeNetwork() {
        if (network != null) {
            network.close();
        }
    }
}
