/**
 * Sandboxes as a service: long-lived sandboxes an owner creates, runs processes and sessions in,
 * reads and writes the files of, stops, starts again with their files, archives and deletes — the
 * model of seed 001's sandbox platform, served natively under {@code /sandboxes} and to the
 * Daytona SDK under {@code /daytona}. Everything that reaches a started sandbox goes through one
 * {@link io.coderunner.server.sandboxes.SandboxHost}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sandboxes", allowedDependencies = {"accounts", "execution", "http", "persistence", "security", "system", "workspaces"})
package io.coderunner.server.sandboxes;
