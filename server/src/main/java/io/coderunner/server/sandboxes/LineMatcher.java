package io.coderunner.server.sandboxes;

import io.coderunner.server.http.BadRequestException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether a line holds what a search looks for: plain text, or a regular expression that must
 * finish by a deadline (a pattern such as {@code (a+)+$} can backtrack for hours on one line; the
 * text it reads stops it when time is up).
 */
final class LineMatcher {

    private final String text;
    private final Pattern pattern;
    private final long deadline;

    private LineMatcher(String text, Pattern pattern, long deadline) {
        this.text = text;
        this.pattern = pattern;
        this.deadline = deadline;
    }

    static LineMatcher of(String query, boolean regex, long deadline) {
        return new LineMatcher(query, regex ? compile(query) : null, deadline);
    }

    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new BadRequestException("pattern is not a valid regular expression: " + e.getDescription());
        }
    }

    boolean matches(String line) {
        if (pattern == null) {
            return line.contains(text);
        }
        return pattern.matcher(bounded(line, deadline)).find();
    }

    /** Text that refuses to be read past the deadline: the one way to stop a regular expression. */
    static CharSequence bounded(String text, long deadline) {
        return new Bounded(text, deadline);
    }

    private static final class Bounded implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        Bounded(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xffff) == 0 && System.currentTimeMillis() > deadline) {
                throw new BadRequestException("the regular expression took too long: use a simpler pattern");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Bounded(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
