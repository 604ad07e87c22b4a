package io.coderunner.engine.run;

import java.util.List;
import java.util.stream.Collectors;

/** Quotes words for /bin/sh; used only for the engine's own launcher, never to run user text as shell. */
final class ShellQuote {

    private ShellQuote() {
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static String join(List<String> words) {
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
