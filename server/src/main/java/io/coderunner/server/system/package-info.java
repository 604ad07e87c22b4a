/**
 * What every module shares besides HTTP, security and persistence: the installation's settings
 * ({@link io.coderunner.server.system.CodeRunnerSettings}) and the events of the system log
 * ({@link io.coderunner.server.system.AuditEvent}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {})
package io.coderunner.server.system;
