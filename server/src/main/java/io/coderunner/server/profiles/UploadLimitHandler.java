package io.coderunner.server.profiles;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A multipart upload over the container's limit (spring.servlet.multipart.*): only one sent without
 * a length gets this far, past the request-size filter. The default answer is a bare "Maximum
 * upload size exceeded"; this one names the limits. Ordered first, as the global handler has an
 * answer of its own for it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

    private final long maxRequestBytes;
    private final ProfileSettings settings;

    UploadLimitHandler(@Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxRequest,
                       ProfileSettings settings) {
        this.maxRequestBytes = maxRequest.toBytes();
        this.settings = settings;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "upload is larger than the limit of "
                + maxRequestBytes + " bytes for a multipart request (an avatar may be at most " + settings.maxAvatarSize()
                + ")");
    }
}
