package io.coderunner.engine.run;

/** Lets a caller stop a run from another thread, whichever stage it is in. */
final class RunControl {

    private volatile boolean stopped;
    private volatile Runnable stopCurrentStage = () -> { };

    void stop() {
        stopped = true;
        stopCurrentStage.run();
    }

    boolean stopped() {
        return stopped;
    }

    /** Registers how to stop the stage now running; stops it at once if a stop already came. */
    void onStop(Runnable action) {
        stopCurrentStage = action;
        if (stopped) {
            action.run();
        }
    }
}
