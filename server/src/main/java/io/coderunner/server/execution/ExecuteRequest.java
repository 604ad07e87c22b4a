package io.coderunner.server.execution;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of POST /api/execute: a language, then either {@code code} or {@code files} (the first
 * file is the entry point), optional input, arguments and limits, and optionally the environment
 * (a user environment's id or name) whose packages the run uses.
 */
public record ExecuteRequest(
        String language,
        String version,
        String code,
        List<FileRequest> files,
        String stdin,
        List<String> args,
        LimitsRequest limits,
        // false: answer at once with the run's id; GET /api/executions/{id} gives the result later.
        @JsonProperty("wait") Boolean waitForResult,
        // With wait false: where to POST the result when the run ends (only under URLs the administrator allows).
        String callbackUrl,
        // A user environment (id or name) whose packages the run sees.
        String environment) {

    public ExecuteRequest(String language, String version, String code, List<FileRequest> files, String stdin,
                          List<String> args, LimitsRequest limits, Boolean waitForResult) {
        this(language, version, code, files, stdin, args, limits, waitForResult, null, null);
    }

    /** Whether the request names an environment. */
    public boolean usesEnvironment() {
        return environment != null && !environment.isBlank();
    }

    ExecuteRequest withLanguage(String value) {
        return new ExecuteRequest(value, version, code, files, stdin, args, limits, waitForResult, callbackUrl, environment);
    }

    public record FileRequest(String name, String content) {
    }

    /** Limits a caller asks for; each is capped by the server's maximum. */
    public record LimitsRequest(Long wallTimeMs, Long cpuTimeMs, Long memoryBytes, Integer maxProcesses,
                                Long maxOutputBytes, Long maxFileBytes, Long diskBytes, Boolean network) {
    }
}
