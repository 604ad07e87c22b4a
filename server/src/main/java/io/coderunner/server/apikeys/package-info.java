/**
 * API keys (seed 004's 🔑 API密钥管理, seed 001's key model): users create keys for programs,
 * each with scopes and an optional expiry; only a SHA-256 hash of a key is stored, and its value is
 * shown once. A request with {@code Authorization: Bearer sk-...} or {@code X-API-Key: sk-...}
 * acts as the key's user, limited to the key's scopes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "API keys", allowedDependencies = {"accounts", "http", "persistence", "security", "system"})
package io.coderunner.server.apikeys;
