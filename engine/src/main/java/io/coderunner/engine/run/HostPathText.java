package io.coderunner.engine.run;

import java.nio.file.Path;

/**
 * Takes host paths out of what a run's caller is told: a run in a host work directory sees it as
 * {@code /work}, and the engine's own folders are none of its business. Messages of the file
 * system name absolute paths, which would tell a client where the data directory is and how it
 * is laid out.
 */
final class HostPathText {

    private HostPathText() {
    }

    /** The message with the work directory shown as {@code /work} and the engine's root as {@code [sandbox]}. */
    static String hide(String message, Path workDir, Path engineRoot) {
        if (message == null) {
            return null;
        }
        String text = message;
        if (workDir != null) {
            text = replacePath(text, workDir, "/work");
        }
        if (engineRoot != null) {
            text = replacePath(text, engineRoot, "[sandbox]");
        }
        return text;
    }

    private static String replacePath(String text, Path path, String shownAs) {
        String absolute = path.toAbsolutePath().normalize().toString();
        return absolute.length() > 1 ? text.replace(absolute, shownAs) : text;
    }
}
