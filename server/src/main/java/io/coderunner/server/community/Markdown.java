package io.coderunner.server.community;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coderunner.server.http.BadRequestException;
import java.util.List;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to HTML that is safe to put into a page: raw HTML in the source (a {@code <script>}, an
 * {@code <img onerror=...>}) comes out as escaped text, and link and image addresses other than
 * http, https and mailto (javascript:, data:, vbscript:) are dropped. Links get
 * {@code rel="nofollow noopener noreferrer ugc"}: they are users' content.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer ugc");
                }
            })
            .build();
    /**
     * Rendered texts by their source. Lists show the same posts again and again, and a hostile
     * 100 KB text can take a quarter of a second to render; looking it up costs one hash of it.
     */
    private static final Cache<String, String> RENDERED = Caffeine.newBuilder()
            .maximumWeight(32_000_000).weigher((String source, String html) -> source.length() + html.length()).build();

    private Markdown() {
    }

    static String toHtml(String markdown) {
        return markdown == null ? null : RENDERED.get(markdown, Markdown::render);
    }

    private static String render(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /**
     * Refuses, when it is written, a text that cannot be rendered (the parser and renderer recurse
     * per level of nesting, so a deep enough nesting could exhaust the stack), and keeps the HTML
     * of one that can for the reads that follow.
     */
    static void requireRenderable(String field, String markdown) {
        try {
            RENDERED.put(markdown, render(markdown));
        } catch (StackOverflowError e) {
            throw new BadRequestException(field + " nests too deeply (quotes or lists inside each other) to be shown");
        }
    }
}
