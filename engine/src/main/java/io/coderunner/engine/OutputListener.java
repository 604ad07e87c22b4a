package io.coderunner.engine;

/**
 * Receives output while a run is going. Called from the engine's reader threads, one call at a
 * time per stream; it must not block for long, since a slow listener slows the program's pipe.
 */
@FunctionalInterface
public interface OutputListener {

    OutputListener NONE = frame -> { };

    void onOutput(OutputFrame frame);
}
