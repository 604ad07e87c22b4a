package io.coderunner.server.ai;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a provider's answer into the code (the first fenced block) and the explanation (the rest).
 * An answer that should carry code but has no fence is taken as code whole.
 */
record AnswerParts(String code, String explanation) {

    private static final Pattern FENCE = Pattern.compile("```[^\\n`]*\\n(.*?)\\n?```", Pattern.DOTALL);

    static AnswerParts of(String text, boolean expectsCode) {
        if (!expectsCode) {
            return new AnswerParts(null, text.strip());
        }
        Matcher m = FENCE.matcher(text);
        if (!m.find()) {
            return new AnswerParts(text.strip(), "");
        }
        String explanation = (text.substring(0, m.start()) + "\n" + text.substring(m.end())).strip();
        return new AnswerParts(m.group(1), explanation);
    }
}
