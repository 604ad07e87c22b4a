package io.coderunner.server.execution;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/**
 * Body of POST /execute and POST /api/v1/execute (seed 000): {@code code} in Python unless
 * {@code language} says otherwise, or {@code files}; optional input, arguments, limits, and the
 * saved code it came from.
 */
record RunRequest(String language, String version, String code, List<ExecuteRequest.FileRequest> files, String stdin,
                  List<String> args, ExecuteRequest.LimitsRequest limits,
                  // The external API's clients name the saved program code_id.
                  @JsonAlias("code_id") Long codeLibraryId) {

    ExecuteRequest toExecuteRequest() {
        return new ExecuteRequest(language == null || language.isBlank() ? "python" : language, version, code, files, stdin,
                args, limits, true, null);
    }
}
