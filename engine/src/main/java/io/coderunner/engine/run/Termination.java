package io.coderunner.engine.run;

/** Why the engine ended a stage before the program ended it. */
enum Termination {
    STOPPED,
    WALL_TIME,
    CPU_TIME,
    OUTPUT
}
