/**
 * Administration of the installation (seed 004, 系统管理): the database's facts, a consistent
 * export while the server runs, and an import that is checked in full before it replaces anything.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Administration", allowedDependencies = {"http", "persistence", "security", "system"})
package io.coderunner.server.admin;
