package io.coderunner.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hostile Markdown in posts and comments: the content comes back as written, and content_html
 * holds no script, no event handler and no javascript: (or data:) address.
 */
@DatabaseAgnostic
class MarkdownSafetyTests extends CommunityTestSupport {

    static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](javascript&#58;alert(1))",
            "![x](javascript:alert(1))",
            "<javascript:alert(1)>",
            "[x][ref]\n\n[ref]: javascript:alert(1)",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<div onmouseover=\"alert(1)\">hover</div>",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<svg><script>alert(1)</script></svg>",
            "[ok](https://example.com/\"onmouseover=\"alert(1))",
            "<iframe src=\"https://evil.example\"></iframe>");

    @Test
    void hostilePostsAreShownAsTextNeverAsActiveHtml() {
        ApiClient mallory = newUser("xss-mallory");
        for (String hostile : HOSTILE) {
            JsonNode post = createPost(mallory, post("hostile", "before\n\n" + hostile + "\n\nafter"));
            assertThat(post.get("content").asString()).contains(hostile);
            assertSafe(hostile, post.get("content_html").asString());
            assertSafe(hostile, mallory.get("/community/posts/" + post.get("id").asLong()).json().get("content_html").asString());
        }
        JsonNode script = createPost(mallory, post("script", "<script>alert(1)</script>"));
        assertThat(script.get("content_html").asString()).isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
        JsonNode link = createPost(mallory, post("link", "[x](javascript:alert(1)) and [y](https://example.com)"));
        assertThat(link.get("content_html").asString())
                .contains("href=\"\"")
                .contains("<a rel=\"nofollow noopener noreferrer ugc\" href=\"https://example.com\">y</a>");
    }

    @Test
    void hostileCommentsAreShownAsTextNeverAsActiveHtml() {
        ApiClient mallory = newUser("xss-mallory2");
        long postId = createPost(mallory, "comments", true);
        for (String hostile : HOSTILE) {
            JsonNode comment = comment(mallory, postId, hostile, null);
            assertThat(comment.get("content").asString()).isEqualTo(hostile);
            assertSafe(hostile, comment.get("content_html").asString());
            JsonNode edited = mallory.putJson("/community/comments/" + comment.get("id").asLong(),
                    java.util.Map.of("content", "edited " + hostile)).json();
            assertSafe(hostile, edited.get("content_html").asString());
        }
        mallory.get("/community/posts/" + postId + "/comments").json().get("comments")
                .forEach(comment -> assertSafe(comment.get("content").asString(), comment.get("content_html").asString()));
    }

    @Test
    void titlesAndSnippetsAreNotRenderedAtAll() {
        ApiClient mallory = newUser("xss-mallory3");
        JsonNode post = createPost(mallory, post("<script>alert(1)</script>", "x", "code_snippet", "<img src=x onerror=alert(1)>"));
        // Plain text fields: returned as written, for the client to show as text.
        assertThat(post.get("title").asString()).isEqualTo("<script>alert(1)</script>");
        assertThat(post.get("code_snippet").asString()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(post.get("content_html").asString()).isEqualTo("<p>x</p>\n");
    }

    private static void assertSafe(String source, String html) {
        assertThat(html).as("rendering of %s", source)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<img src=x")
                .doesNotContainIgnoringCase("<div")
                .doesNotContainIgnoringCase("<svg")
                .doesNotContainIgnoringCase("<iframe")
                .doesNotContainPattern("(?i)<[a-z][^>]*\\son[a-z]+\\s*=")
                .doesNotContainPattern("(?i)(href|src)\\s*=\\s*\"\\s*(javascript|data|vbscript):");
    }
}
