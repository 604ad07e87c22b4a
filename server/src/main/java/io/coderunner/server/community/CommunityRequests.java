package io.coderunner.server.community;

import java.util.ArrayList;
import java.util.List;

/** Request bodies of the community endpoints, in the seeds' field names. */
final class CommunityRequests {

    private CommunityRequests() {
    }

    /**
     * @param content  Markdown, at most 100 KB
     * @param isPublic left out: public
     */
    record CreatePost(String title, String content, String codeSnippet, String codeLanguage, List<String> tags,
                      Boolean isPublic) {
    }

    /**
     * PUT /community/posts/{id}: only the fields present are changed. A field sent as null takes its
     * default, as on creation (no code, no language, no tags, public); title and content have none,
     * so null is refused for them. Setters record which fields were present, which a record cannot
     * tell from null.
     */
    static final class UpdatePost {
        private Present<String> title;
        private Present<String> content;
        private Present<String> codeSnippet;
        private Present<String> codeLanguage;
        private Present<List<String>> tags;
        private Present<Boolean> isPublic;

        public void setTitle(String title) {
            this.title = new Present<>(title);
        }

        public void setContent(String content) {
            this.content = new Present<>(content);
        }

        public void setCodeSnippet(String codeSnippet) {
            this.codeSnippet = new Present<>(codeSnippet);
        }

        public void setCodeLanguage(String codeLanguage) {
            this.codeLanguage = new Present<>(codeLanguage);
        }

        public void setTags(List<String> tags) {
            this.tags = new Present<>(tags);
        }

        public void setIsPublic(Boolean isPublic) {
            this.isPublic = new Present<>(isPublic);
        }

        /**
         * The post as it is to be after the change, as if it were written anew: so that it is
         * checked exactly as a new one is.
         */
        CreatePost appliedTo(Post post) {
            return new CreatePost(or(title, post.title()), or(content, post.content()), or(codeSnippet, post.codeSnippet()),
                    or(codeLanguage, post.codeLanguage()), or(tags, post.tags()), or(isPublic, post.isPublic()));
        }

        /** The names of the fields present, for the log. */
        List<String> given() {
            List<String> names = new ArrayList<>();
            String[] fields = {"title", "content", "code_snippet", "code_language", "tags", "is_public"};
            Present<?>[] values = {title, content, codeSnippet, codeLanguage, tags, isPublic};
            for (int i = 0; i < fields.length; i++) {
                if (values[i] != null) {
                    names.add(fields[i]);
                }
            }
            return names;
        }

        private static <T> T or(Present<T> given, T current) {
            return given == null ? current : given.value();
        }
    }

    /** A field that was in the request body, possibly as null; a field left out is a null {@code Present}. */
    record Present<T>(T value) {
    }

    /** POST /community/markdown/preview: Markdown, capped like a post's content. */
    record MarkdownPreview(String content) {
    }

    /** @param parentId the comment this one replies to; it must be on the same post */
    record CreateComment(String content, Long parentId) {
    }

    record UpdateComment(String content) {
    }
}
