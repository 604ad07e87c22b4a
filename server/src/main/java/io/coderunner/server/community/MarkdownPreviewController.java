package io.coderunner.server.community;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders a draft with the very renderer that renders posts and comments, so that what a writer
 * previews is exactly what readers will be shown.
 */
@RestController
@Tag(name = "Community")
class MarkdownPreviewController {

    /** html: the content rendered as content_html of a post would be. */
    record Preview(String html) {
    }

    @PostMapping("/community/markdown/preview")
    @SignedInUser
    @Operation(summary = "Render Markdown as a post's content would be (content at most 100 KB), to preview a draft",
            description = "Raw HTML comes out escaped and unsafe links are removed, as in content_html.")
    Preview preview(@RequestBody CommunityRequests.MarkdownPreview request) {
        if (request == null || request.content() == null) {
            throw new BadRequestException("content is required (Markdown)");
        }
        NewPost.requireShowable(request.content());
        return new Preview(Markdown.toHtml(request.content()));
    }
}
