/**
 * Workspaces (seed 003): each user's projects of files and notes, kept between runs. Every path is
 * resolved inside the user's own directory, and symbolic links are refused.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workspaces", allowedDependencies = {"accounts", "execution", "http", "security", "system"})
package io.coderunner.server.workspaces;
