package io.coderunner.server.profiles;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An avatar over the configured size: 413, a problem detail naming the limit (the global handler renders it). */
class AvatarTooLargeException extends ErrorResponseException {

    AvatarTooLargeException(long size, ProfileSettings settings) {
        super(HttpStatus.CONTENT_TOO_LARGE, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "avatar of " + size + " bytes is larger than the limit of " + settings.maxAvatarSize() + " ("
                        + settings.maxAvatarBytes() + " bytes)"), null);
    }
}
