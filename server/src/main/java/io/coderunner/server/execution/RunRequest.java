package io.coderunner.server.execution;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/**
 * Body of POST /execute and POST /api/v1/execute (seed 000): {@code code} in Python unless
 * {@code language} (or the environment's language) says otherwise, or {@code files}; optional
 * input, arguments, limits, the saved code it came from, and the environment it uses.
 */
record RunRequest(String language, String version, String code, List<ExecuteRequest.FileRequest> files, String stdin,
                  List<String> args, ExecuteRequest.LimitsRequest limits,
                  // The external API's clients name the saved program code_id.
                  @JsonAlias("code_id") Long codeLibraryId,
                  // A user environment's id or name; its language is the run's unless language says otherwise.
                  String environment) {

    ExecuteRequest toExecuteRequest() {
        boolean noLanguage = language == null || language.isBlank();
        boolean withEnvironment = environment != null && !environment.isBlank();
        return new ExecuteRequest(noLanguage ? (withEnvironment ? null : "python") : language, version, code, files, stdin,
                args, limits, true, null, environment);
    }
}
