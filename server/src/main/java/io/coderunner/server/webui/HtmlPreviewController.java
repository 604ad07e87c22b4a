package io.coderunner.server.webui;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /preview: an HTML program as a page of its own, for the editor's preview frame, with its
 * scripts running. The page's policy makes it a sandbox in an opaque origin whoever opens it
 * (CSP {@code sandbox} without {@code allow-same-origin}), so its scripts reach neither this site's
 * cookies nor its pages nor its API as the user. It cannot be shown by another site: only this
 * site's own pages may send it (Sec-Fetch-Site) or frame it (frame-ancestors).
 *
 * A frame given the program as {@code srcdoc} would take on the editor page's own policy, which
 * allows no inline script; hence a document served with a policy of its own.
 */
@RestController
@Tag(name = "Web UI")
class HtmlPreviewController {

    /** The same path as {@code SecurityConfiguration.PREVIEW_PATH}, which gives this answer no site policy. */
    static final String PATH = "/preview";
    static final int MOST_CHARS = 1024 * 1024;
    static final String POLICY = "sandbox allow-scripts allow-modals allow-forms allow-popups; default-src 'none'; "
            + "script-src 'unsafe-inline' 'unsafe-eval' https: data: blob:; style-src 'unsafe-inline' https: data:; "
            + "img-src https: data: blob:; font-src https: data:; media-src https: data: blob:; connect-src https:; "
            + "frame-ancestors 'self'; form-action 'none'; base-uri 'none'";

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @PermitAll
    @Operation(summary = "The editor's HTML preview: the program as a sandboxed page of its own, scripts running")
    ResponseEntity<String> preview(@RequestParam("html") String html,
                                   @RequestHeader(name = "Sec-Fetch-Site", required = false) String site) {
        if (site != null && !site.equals("same-origin")) {
            return refusal(HttpStatus.FORBIDDEN, "the preview is shown only in this site's own editor");
        }
        if (html.length() > MOST_CHARS) {
            return refusal(HttpStatus.CONTENT_TOO_LARGE, "the preview is larger than " + MOST_CHARS + " characters");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .body(html);
    }

    /** Plain text: the answer is shown in a frame, where a problem's JSON would read worse. */
    private static ResponseEntity<String> refusal(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(detail);
    }
}
