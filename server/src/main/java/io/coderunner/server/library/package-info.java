/**
 * The code library (seed 000's CodeLibrary, seed 004's 代码库管理): users' saved programs, private
 * or public, with tags and an optional environment, at most the tier's {@code max_saved_codes} per
 * user. Signed-in users manage theirs at /code-library, copy public ones (/code-library/save) and
 * see others' public ones (/users/{id}/code-library); programs read them with a read_library key
 * (GET /api/v1/codes). Other modules use {@link io.coderunner.server.library.CodeLibrary}:
 * {@code findReadable} (the caller's own or a public entry) and the counts of a user's entries.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Code library", allowedDependencies = {"accounts", "http", "persistence", "security", "system"})
package io.coderunner.server.library;
