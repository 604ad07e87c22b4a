/**
 * The system log (seed 000's SystemLog): every state-changing action and every login attempt,
 * with who, from where and how it ended; read by administrators and, for their own, by users.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log", allowedDependencies = {"accounts", "http", "persistence", "security", "system"})
package io.coderunner.server.audit;
