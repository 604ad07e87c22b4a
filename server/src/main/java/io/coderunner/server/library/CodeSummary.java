package io.coderunner.server.library;

import io.coderunner.server.http.Timestamps;
import java.util.List;

/**
 * A public program as a list shows it: who wrote it, what it is, its first lines; the whole code
 * is read with GET /code-library/{id} when it is opened.
 *
 * @param username null when the author's account is gone
 * @param preview  the first lines of the code, at most {@value #PREVIEW_LINES} lines and {@value #PREVIEW_CHARS} characters
 * @param lines    how many lines the whole code has
 */
record CodeSummary(long id, long userId, String username, String title, String description, String language,
                   List<String> tags, String preview, int lines, String createdAt, String updatedAt) {

    static final int PREVIEW_LINES = 6;
    static final int PREVIEW_CHARS = 400;

    static CodeSummary of(CodeEntry entry, String username) {
        return new CodeSummary(entry.id(), entry.userId(), username, entry.title(), entry.description(), entry.language(),
                entry.tags(), preview(entry.code()), entry.code().split("\n", -1).length,
                Timestamps.iso(entry.createdAt()), Timestamps.iso(entry.updatedAt()));
    }

    static String preview(String code) {
        String[] lines = code.split("\n", PREVIEW_LINES + 1);
        String head = String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, PREVIEW_LINES)));
        return head.length() <= PREVIEW_CHARS ? head : head.substring(0, PREVIEW_CHARS);
    }
}
