package io.coderunner.server.sandboxes.daytona;

import io.coderunner.engine.InvalidRunException;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.http.RequestTooLargeException;
import io.coderunner.server.http.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Every error of the Daytona-compatible routes in Daytona's shape ({@link DaytonaErrorBody}),
 * with the status the native API would answer: the SDK reads {@code message} where a problem
 * detail has {@code detail}, and would show the user an empty error otherwise. It takes
 * precedence over the application's handler, for this package's controllers only.
 */
@RestControllerAdvice(basePackages = "io.coderunner.server.sandboxes.daytona")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DaytonaExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DaytonaExceptionHandler.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Map<String, Object>> badRequest(BadRequestException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.code(), Map.of(), request);
    }

    @ExceptionHandler(InvalidRunException.class)
    ResponseEntity<Map<String, Object>> invalidRun(InvalidRunException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), ProblemCodes.INVALID_REQUEST, Map.of(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e, HttpServletRequest request) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), ProblemCodes.NOT_FOUND, Map.of(), request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConflictException e, HttpServletRequest request) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), e.code(), e.fields(), request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Map<String, Object>> forbidden(ForbiddenException e, HttpServletRequest request) {
        return answer(HttpStatus.FORBIDDEN, e.getMessage(), e.code(), e.fields(), request);
    }

    @ExceptionHandler(InvalidCredentialsException.class)
    ResponseEntity<Map<String, Object>> invalidCredentials(InvalidCredentialsException e, HttpServletRequest request) {
        return answer(HttpStatus.UNAUTHORIZED, e.getMessage(), ProblemCodes.INVALID_CREDENTIALS, Map.of(), request);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Map<String, Object>> tooMany(TooManyRequestsException e, HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> answer = answer(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), e.code(), e.fields(), request);
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(answer.getBody());
    }

    @ExceptionHandler({RequestTooLargeException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<Map<String, Object>> tooLarge(RuntimeException e, HttpServletRequest request) {
        String message = e instanceof RequestTooLargeException ? e.getMessage() : "the upload is larger than the server accepts";
        return answer(HttpStatus.CONTENT_TOO_LARGE, message, ProblemCodes.TOO_LARGE, Map.of(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return tooLarge(tooLarge, request);
            }
        }
        String message = e.getMostSpecificCause().getMessage();
        message = message == null ? "unreadable body" : message.lines().findFirst().orElse("unreadable body");
        return answer(HttpStatus.BAD_REQUEST, "malformed request body: " + message, ProblemCodes.INVALID_REQUEST, Map.of(), request);
    }

    /** Method security refused the call: 401 for an anonymous caller, 403 for one who may not. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e, HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || new AuthenticationTrustResolverImpl().isAnonymous(authentication)
                || !authentication.isAuthenticated()) {
            ResponseEntity<Map<String, Object>> answer = answer(HttpStatus.UNAUTHORIZED,
                    "authentication required: send Authorization: Bearer <API key>", ProblemCodes.AUTHENTICATION_REQUIRED, Map.of(), request);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .contentType(MediaType.APPLICATION_JSON).body(answer.getBody());
        }
        return answer(HttpStatus.FORBIDDEN, "forbidden: " + request.getMethod() + " " + request.getRequestURI()
                + " is not allowed for this caller", ProblemCodes.FORBIDDEN, Map.of(), request);
    }

    /** Spring's own refusals (a missing parameter, a wrong method, a number that is not one): their status and text. */
    private ResponseEntity<Map<String, Object>> framework(ErrorResponse error, Exception e, HttpServletRequest request) {
        HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
        status = status == null ? HttpStatus.BAD_REQUEST : status;
        if (status.is5xxServerError()) {
            return failure(e, request);
        }
        String message = error.getBody().getDetail() == null ? status.getReasonPhrase() : error.getBody().getDetail();
        return answer(status, message, ProblemCodes.forStatus(status.value()), Map.of(), request);
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(TypeMismatchException e, HttpServletRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : e.getPropertyName();
        return answer(HttpStatus.BAD_REQUEST, name + " must be a " + (e.getRequiredType() == null ? "valid value"
                : e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT)) + ", was " + e.getValue(),
                ProblemCodes.INVALID_REQUEST, Map.of(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse error) {
            return framework(error, e, request);
        }
        return failure(e, request);
    }

    private static ResponseEntity<Map<String, Object>> failure(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure while handling a Daytona request {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: the server could not complete the request",
                ProblemCodes.INTERNAL_ERROR, Map.of(), request);
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String message, String nativeCode,
                                                              Map<String, Object> fields, HttpServletRequest request) {
        String path = request.getRequestURI();
        Map<String, Object> body = DaemonCodes.isToolbox(path)
                ? DaytonaErrorBody.of(status, message, DaemonCodes.of(path, status, nativeCode, message), DaytonaErrorBody.DAEMON, path, fields)
                : DaytonaErrorBody.of(status, message, nativeCode, null, path, fields);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
