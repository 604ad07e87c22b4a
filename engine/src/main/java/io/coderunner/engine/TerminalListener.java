package io.coderunner.engine;

/** Receives what a terminal writes to its screen, in the order written, from one reader thread. */
@FunctionalInterface
public interface TerminalListener {

    void output(byte[] chunk);
}
