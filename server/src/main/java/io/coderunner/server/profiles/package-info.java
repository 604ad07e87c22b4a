/**
 * Users' profiles (seed 004's 用户资料管理): a bio, a website, a location, a GitHub name, whether
 * the profile is public and whether it shows the e-mail address, and an avatar image. Avatars are
 * recognised by their content only, decoded and written again as PNG (WebP kept as sent), and
 * stored in {@code <data dir>/avatars} under generated names. Other modules read a user's public
 * face through {@link io.coderunner.server.profiles.Profiles}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Profiles", allowedDependencies = {"accounts", "http", "persistence", "security", "system"})
package io.coderunner.server.profiles;
