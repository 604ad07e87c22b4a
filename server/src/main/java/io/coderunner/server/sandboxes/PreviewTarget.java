package io.coderunner.server.sandboxes;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which sandbox's port a preview request is for, and the path to ask it for: from
 * {@code /sandbox-preview/<id>/<port>/<path>}, or from a host name {@code <port>-<id>.<preview domain>}.
 *
 * @param upstreamPath the path (still URL-encoded, as the client sent it) the server in the sandbox is asked for
 * @param base         the path on this server the preview lives under (where its cookie applies); with
 *                     the token in it when the request carried it in its path
 * @param pathToken    the token given as the path's {@code ~<token>} step, or null
 */
record PreviewTarget(String sandboxId, int port, String upstreamPath, String base, boolean hostBased, String pathToken) {

    /**
     * {@code /sandbox-preview/<id>/<port>/~<token>/<path>}: a browser is sent to the form with the
     * token in the path, so that every relative link of the page carries it. A previewed page is
     * served as an opaque origin (see {@link HttpPreviewProxy}), whose requests carry no cookie of
     * this site's that a same-site policy keeps back, so the token cannot rely on one.
     */
    private static final Pattern PATH = Pattern.compile("/sandbox-preview/([A-Za-z0-9-]{1,64})/(\\d{1,5})(?:/~([A-Za-z0-9_-]{16,128}))?(/.*)?");
    private static final Pattern HOST = Pattern.compile("(\\d{1,5})-([a-z0-9-]{1,64})\\.(.+)");

    /** Whether the request is for a preview at all: under the prefix, or on a host name of the preview domain. */
    static boolean isPreview(HttpServletRequest request, String previewDomain) {
        return request.getRequestURI().startsWith(PreviewLinks.PREFIX) || hostOf(request, previewDomain) != null;
    }

    /** The target, or null when the request names no valid sandbox and port (the caller answers 404). */
    static PreviewTarget of(HttpServletRequest request, String previewDomain) {
        Matcher host = hostOf(request, previewDomain);
        if (host != null) {
            int port = port(host.group(1));
            return port < 0 ? null : new PreviewTarget(host.group(2), port, request.getRequestURI(), "/", true, null);
        }
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!path.matches()) {
            return null;
        }
        int port = port(path.group(2));
        String token = path.group(3);
        String rest = path.group(4) == null ? "/" : path.group(4);
        String base = PreviewLinks.PREFIX + path.group(1) + "/" + port + "/" + (token == null ? "" : "~" + token + "/");
        return port < 0 ? null : new PreviewTarget(path.group(1), port, rest, base, false, token);
    }

    /** A request for the preview's root without its final slash, which relative links inside the page need. */
    boolean missingSlash(HttpServletRequest request) {
        return !hostBased && !request.getRequestURI().endsWith("/") && request.getRequestURI().equals(base.substring(0, base.length() - 1));
    }

    private static Matcher hostOf(HttpServletRequest request, String previewDomain) {
        if (previewDomain == null) {
            return null;
        }
        String host = request.getHeader("Host");
        if (host == null) {
            return null;
        }
        Matcher matcher = HOST.matcher(host.toLowerCase(Locale.ROOT));
        return matcher.matches() && matcher.group(3).equals(previewDomain) ? matcher : null;
    }

    private static int port(String digits) {
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535 ? port : -1;
    }
}
