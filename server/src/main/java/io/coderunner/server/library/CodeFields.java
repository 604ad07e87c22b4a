package io.coderunner.server.library;

import io.coderunner.server.http.BadRequestException;
import java.nio.charset.StandardCharsets;

/** The rules for an entry's text fields; each refusal names the field and the limit. */
final class CodeFields {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_CODE_BYTES = 1024 * 1024;

    private CodeFields() {
    }

    static String title(String value) {
        String title = value == null ? "" : value.strip();
        if (title.isEmpty()) {
            throw new BadRequestException("title is required");
        }
        if (title.length() > MAX_TITLE) {
            throw new BadRequestException("title must be at most " + MAX_TITLE + " characters, has " + title.length());
        }
        return title;
    }

    /** Null or blank: no description. */
    static String description(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_DESCRIPTION) {
            throw new BadRequestException("description must be at most " + MAX_DESCRIPTION + " characters, has "
                    + value.length());
        }
        return value;
    }

    static String code(String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("code is required");
        }
        // Most characters are one byte: only a long text can be over the limit, so only then count its bytes.
        if (value.length() * 3L > MAX_CODE_BYTES) {
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_CODE_BYTES) {
                throw new BadRequestException("code must be at most " + MAX_CODE_BYTES + " bytes (1 MB), has " + bytes);
            }
        }
        return value;
    }
}
