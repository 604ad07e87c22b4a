package io.coderunner.server.sandboxes.daytona;

/**
 * Where Daytona's lifecycle intervals mean something else than CodeRunner's minutes. Auto-stop
 * (0: never) and auto-delete (-1: never, 0: as soon as it stops) mean the same on both sides; an
 * auto-archive interval of 0 is Daytona's "the longest there is", which CodeRunner's default is.
 */
final class DaytonaIntervals {

    /** CodeRunner's default auto-archive interval, a week: the longest Daytona's 0 asks for. */
    static final int LONGEST_ARCHIVE_MINUTES = 7 * 24 * 60;

    private DaytonaIntervals() {
    }

    /** The auto-archive minutes to ask CodeRunner for; null leaves its default. */
    static Integer archive(Integer daytona) {
        return daytona == null || daytona == 0 ? null : daytona;
    }

    static int archiveOrLongest(int daytona) {
        return daytona == 0 ? LONGEST_ARCHIVE_MINUTES : daytona;
    }
}
