/**
 * Users' environments (seed 004's Conda环境管理 and 环境包管理, built with each ecosystem's own
 * tools): Python virtual environments with pip and Node.js projects with npm, their packages
 * installed by the real package manager inside the sandbox, and offered to runs read-only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Environments", allowedDependencies = {"accounts", "execution", "http", "security", "system"})
package io.coderunner.server.environments;
