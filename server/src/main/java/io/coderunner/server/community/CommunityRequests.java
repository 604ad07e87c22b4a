package io.coderunner.server.community;

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

    /** @param parentId the comment this one replies to; it must be on the same post */
    record CreateComment(String content, Long parentId) {
    }

    record UpdateComment(String content) {
    }
}
