package io.coderunner.server.community;

/** What of users' text goes into the system log: a short excerpt on one line, never whole posts. */
final class Audit {

    private static final int MAX = 80;

    private Audit() {
    }

    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "...";
    }
}
