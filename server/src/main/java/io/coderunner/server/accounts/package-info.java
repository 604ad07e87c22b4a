/**
 * Accounts: registration, sign-in with access and refresh tokens, passwords (Argon2id, a policy,
 * lock-out after failed attempts), administrators' management of users, and the four tiers
 * (Free, Basic, Premium, Enterprise) with their limits and quotas.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts", allowedDependencies = {"http", "persistence", "security", "system"})
package io.coderunner.server.accounts;
