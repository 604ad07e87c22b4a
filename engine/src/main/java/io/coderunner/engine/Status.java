package io.coderunner.engine;

/** How a run ended, sorted by whose doing it was. */
public enum Status {
    /** The program ran to completion and exited with code 0. */
    OK,
    /** The compile stage failed; the program never ran. */
    COMPILE_ERROR,
    /** The program exited with a non-zero code or died of a signal it brought on itself. */
    RUNTIME_ERROR,
    /** Wall-clock or CPU time ran out. */
    TIME_LIMIT,
    /** The program needed more memory than it was given. */
    MEMORY_LIMIT,
    /** The program wrote more output than it was allowed to. */
    OUTPUT_LIMIT,
    /** Someone stopped the run. */
    KILLED,
    /** The platform failed; not the program's fault. */
    INTERNAL_ERROR;

    /** True for outcomes decided by a limit rather than by the program. */
    public boolean isLimit() {
        return this == TIME_LIMIT || this == MEMORY_LIMIT || this == OUTPUT_LIMIT;
    }
}
