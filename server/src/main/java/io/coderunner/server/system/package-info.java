/**
 * What every module shares: settings of the installation, error responses as problem
 * details, request-size limits, the OpenAPI document, the events of the system log
 * ({@link io.coderunner.server.system.AuditEvent}) and the store of the event publication registry.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.coderunner.server.system;
