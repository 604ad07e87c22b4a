package io.coderunner.server.execution;

import io.coderunner.engine.RunHandle;
import io.coderunner.engine.RunResult;
import java.util.concurrent.CompletableFuture;
import io.coderunner.engine.language.Language;

/**
 * A run in progress that can be fed input and stopped, from the connection that started it or
 * (by its id) from anywhere else.
 *
 * @param ownerId  the user who started it, or null for an anonymous run
 * @param finished completes with the result once the run is also recorded (history, quotas): what
 *                 a client is told comes after what it can then read back
 */
public record LiveRun(String id, Long ownerId, Language language, RunHandle handle, CompletableFuture<RunResult> finished) {
}
