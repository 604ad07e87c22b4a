package io.coderunner.server.audit;

/** One row of the system log as the API shows it. */
record LogEntry(long id, Long userId, String username, String action, String resourceType, String resourceId,
                String details, String ipAddress, String userAgent, String status, String createdAt) {
}
