package io.coderunner.server.execution;

import io.coderunner.engine.RunEnvironment;
import io.coderunner.server.security.Caller;

/**
 * Where a run's environment comes from: the module that keeps users' environments provides it.
 * A run holds its environment from before it starts until it ends, so that the environment is not
 * deleted, nor its directory replaced, under a running program.
 */
public interface RunEnvironments {

    /**
     * The environment {@code idOrName} for a run of {@code caller}: their own, or a public one.
     * Throws NotFoundException when there is none they may use.
     */
    Lease open(Caller caller, String idOrName);

    /** An environment held for one run; closing it lets the environment be changed or deleted again. */
    interface Lease extends AutoCloseable {

        /** The language id of the environment (python, javascript). */
        String language();

        /** What the sandbox shows of it: read-only. */
        RunEnvironment directory();

        @Override
        void close();
    }
}
