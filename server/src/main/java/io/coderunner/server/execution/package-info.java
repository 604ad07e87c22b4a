/**
 * Running code: the engine wired into the server, the bounded queue in front of it, and the
 * execution API (POST /api/execute, languages, templates, status).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Execution", allowedDependencies = {"accounts", "http", "library", "persistence", "security", "system"})
package io.coderunner.server.execution;
