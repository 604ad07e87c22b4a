package io.coderunner.server.execution;

/**
 * seed 004's CodeExecutionResponse (id, code, result, status, execution_time, memory_usage,
 * created_at, is_api_call, code_library_id) with the full result of /api/execute. Times in ms,
 * memory in bytes; status is one of OK, COMPILE_ERROR, RUNTIME_ERROR, TIME_LIMIT, MEMORY_LIMIT,
 * OUTPUT_LIMIT, KILLED, INTERNAL_ERROR. In a list of runs, {@code truncated} says that result, stdout, stderr
 * or compile_output was cut to its first {@value ExecutionHistory#LISTED_OUTPUT} characters there; the run
 * itself (GET /executions/{id}) has them whole.
 */
public record ExecutionView(long id, long userId, String code, String result, String status, long executionTime,
                            long memoryUsage, String createdAt, boolean isApiCall, Long codeLibraryId, String language,
                            Integer exitCode, Integer signal, String stdout, String stderr, boolean stdoutTruncated,
                            boolean stderrTruncated, String compileOutput, long cpuTime, String reason,
                            boolean truncated) {
}
