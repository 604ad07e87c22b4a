/**
 * Terminal sessions (seed 003's CCResearch terminal): bash under a pseudo-terminal in the sandbox,
 * bridged to a WebSocket, with its files, a kept log for replay, read-only share links, and the
 * tier's limits on how many, how large and how long.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Terminals", allowedDependencies = {"accounts", "execution", "http", "security", "system", "workspaces"})
package io.coderunner.server.terminals;
