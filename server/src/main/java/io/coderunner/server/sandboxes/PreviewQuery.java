package io.coderunner.server.sandboxes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The preview's token in a query string, read from the raw query itself: asking the servlet
 * request for a parameter would read a form's body, which belongs to the server in the sandbox.
 */
final class PreviewQuery {

    private PreviewQuery() {
    }

    /** The token's value, or null when the query has none. */
    static String token(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(PreviewAccess.TOKEN_PARAMETER + "=")) {
                try {
                    return URLDecoder.decode(pair.substring(PreviewAccess.TOKEN_PARAMETER.length() + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return null;
    }

    /** The query without the token (still encoded as it came), or null when nothing is left. */
    static String withoutToken(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty() && !pair.equals(PreviewAccess.TOKEN_PARAMETER) && !pair.startsWith(PreviewAccess.TOKEN_PARAMETER + "=")) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }
}
