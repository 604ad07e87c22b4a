package io.coderunner.server.execution;

import io.coderunner.engine.RunResult;
import io.coderunner.engine.language.Language;

/** A finished run with the id the API gave it. */
public record Execution(String id, Language language, RunResult result) {

    public ExecuteResponse toResponse() {
        return ExecuteResponse.of(id, language.id(), language.version(), result);
    }
}
