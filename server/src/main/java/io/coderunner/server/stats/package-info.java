/**
 * Statistics of a user, gathered from the modules that own the numbers (runs, code library,
 * community, quotas): the caller's own pages and a user's public figures.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Statistics", allowedDependencies = {"accounts", "community", "execution", "http", "library", "profiles", "security"})
package io.coderunner.server.stats;
