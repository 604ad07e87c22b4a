package io.coderunner.server.sandboxes.daytona;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error as Daytona's API and its toolbox daemon answer it:
 * {@code {"statusCode":404,"message":"…","error":"Not Found","code":"…"}}. The SDK reads
 * {@code message}, {@code code} and {@code source}, and picks its error class from the status
 * and, when the source is {@code DAYTONA_DAEMON}, from the code (FILE_NOT_FOUND and the like).
 */
final class DaytonaErrorBody {

    /** The toolbox daemon's errors carry this source. */
    static final String DAEMON = "DAYTONA_DAEMON";

    private DaytonaErrorBody() {
    }

    /**
     * @param code   a code of the daemon's (toolbox routes) or CodeRunner's own (control plane)
     * @param source {@link #DAEMON} on toolbox routes, else null
     * @param fields what the error is about (a sandbox's state, a tier's limit), as more fields
     */
    static Map<String, Object> of(HttpStatus status, String message, String code, String source, String path,
                                  Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status.value());
        body.put("message", message);
        body.put("error", status.getReasonPhrase());
        if (code != null) {
            body.put("code", code);
        }
        if (source != null) {
            body.put("source", source);
        }
        body.put("path", path);
        body.put("timestamp", Instant.now().toString());
        fields.forEach(body::putIfAbsent);
        return body;
    }
}
