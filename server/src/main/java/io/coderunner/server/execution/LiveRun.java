package io.coderunner.server.execution;

import io.coderunner.engine.RunHandle;
import io.coderunner.engine.language.Language;

/**
 * A run in progress that can be fed input and stopped, from the connection that started it or
 * (by its id) from anywhere else.
 *
 * @param ownerId the user who started it, or null for an anonymous run
 */
public record LiveRun(String id, Long ownerId, Language language, RunHandle handle) {
}
