package io.coderunner.server.community;

import io.coderunner.server.http.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** A post as it will be stored: the request checked and normalised. */
record NewPost(String title, String content, String codeSnippet, String codeLanguage, List<String> tags, boolean isPublic) {

    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT_BYTES = 100 * 1024;
    static final int MAX_CODE_BYTES = 100 * 1024;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9+#._-]{1,32}");

    static NewPost of(CommunityRequests.CreatePost request) {
        String title = request.title() == null ? "" : request.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw new BadRequestException("title must be 1 to " + MAX_TITLE + " characters, got " + title.length());
        }
        String content = request.content();
        if (content == null || content.isBlank()) {
            throw new BadRequestException("content is required (Markdown)");
        }
        requireShowable(content);
        String code = request.codeSnippet() == null || request.codeSnippet().isBlank() ? null : request.codeSnippet();
        if (code != null) {
            requireBytes("code_snippet", code, MAX_CODE_BYTES);
        }
        String language = request.codeLanguage() == null || request.codeLanguage().isBlank() ? null : request.codeLanguage().strip();
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new BadRequestException("code_language must be a language id such as python or c++ (1 to 32 letters, "
                    + "digits or + # . _ -), got '" + language + "'");
        }
        return new NewPost(title, content, code, language, Tags.normalize(request.tags()),
                request.isPublic() == null || request.isPublic());
    }

    /** A post's content (or a draft of it) that is small enough to keep and can be rendered. */
    static void requireShowable(String content) {
        requireBytes("content", content, MAX_CONTENT_BYTES);
        Markdown.requireRenderable("content", content);
    }

    private static void requireBytes(String field, String value, int max) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > max) {
            throw new BadRequestException(field + " must be at most " + max + " bytes (UTF-8), got " + bytes);
        }
    }
}
