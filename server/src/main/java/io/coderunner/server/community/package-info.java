/**
 * The community (seed 004's 社区功能 and most of 用户发现与互动): posts in Markdown with an optional
 * code snippet, public or private; nested comments; likes, favourites and follows; and the pages
 * that show a user's followers, followees and posts. Markdown is rendered on the server with raw
 * HTML escaped and unsafe links removed ({@code content_html}). Other modules ask it for counts
 * through {@link io.coderunner.server.community.Community}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Community", allowedDependencies = {"accounts", "http", "persistence", "security", "system"})
package io.coderunner.server.community;
