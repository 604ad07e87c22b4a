package io.coderunner.server.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Something that happened and must be in the system log. Modules publish it as an application
 * event and the audit module writes it; it is here, shared, so that publishing one does not make a
 * module depend on the audit module (which itself listens to some modules' typed events). The
 * client's address and user agent are taken from the request being handled when the event is made.
 *
 * @param userId       who did it (null for an anonymous caller, or a login with an unknown name)
 * @param username     their name as given (kept even when the user is later deleted)
 * @param action       what was done, e.g. {@code login}, {@code create_api_key}
 * @param resourceType what kind of thing it was done to, e.g. {@code user}, {@code api_key}
 * @param status       {@code success} or {@code failure}
 */
public record AuditEvent(Long userId, String username, String action, String resourceType, String resourceId,
                         String details, String status, String ipAddress, String userAgent) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public static AuditEvent success(Long userId, String username, String action, String resourceType, Object resourceId,
                                     String details) {
        return of(userId, username, action, resourceType, resourceId, details, SUCCESS);
    }

    public static AuditEvent failure(Long userId, String username, String action, String resourceType, Object resourceId,
                                     String details) {
        return of(userId, username, action, resourceType, resourceId, details, FAILURE);
    }

    private static AuditEvent of(Long userId, String username, String action, String resourceType, Object resourceId,
                                 String details, String status) {
        HttpServletRequest request = currentRequest();
        return new AuditEvent(userId, username, action, resourceType, resourceId == null ? null : resourceId.toString(),
                details, status, request == null ? null : ClientAddress.of(request),
                request == null ? null : truncate(request.getHeader("User-Agent"), 512));
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
