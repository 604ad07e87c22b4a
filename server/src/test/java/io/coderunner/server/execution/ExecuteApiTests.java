package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

class ExecuteApiTests extends ServerTest {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("coderunner.sandbox.maximums.wall-time-ms", () -> "1500");
    }

    @Test
    void runsPythonAndAnswersTheSeedsFields() {
        ApiClient.Response response = api.postJson("/api/execute", Map.of("language", "python",
                "code", "import sys\nprint(input() + ' ' + sys.argv[1])\n", "stdin", "hello\n", "args", List.of("world")));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("status").asString()).isEqualTo("OK");
        assertThat(body.get("stdout").asString()).isEqualTo("hello world\n");
        assertThat(body.get("exit_code").asInt()).isZero();
        assertThat(body.get("language").asString()).isEqualTo("python");
        assertThat(body.get("version").asString()).matches("3\\.\\d+.*");
        assertThat(body.get("id").asString()).hasSize(36);
        for (String field : List.of("signal", "stderr", "stdout_truncated", "stderr_truncated", "compile_output",
                "execution_time", "cpu_time", "memory_usage")) {
            assertThat(body.has(field)).as(field).isTrue();
        }
        assertThat(body.get("memory_usage").asLong()).isPositive();
    }

    @Test
    void multiFileCppCompilesAndRuns() {
        ApiClient.Response response = api.postJson("/api/execute", Map.of("language", "c++", "files", List.of(
                Map.of("name", "main.cpp", "content", "#include <cstdio>\nint sq(int);\nint main(){std::printf(\"%d\\n\", sq(7));}\n"),
                Map.of("name", "sq.cpp", "content", "int sq(int x) { return x * x; }\n"))));

        assertThat(response.json().get("status").asString()).isEqualTo("OK");
        assertThat(response.json().get("stdout").asString()).isEqualTo("49\n");
        assertThat(response.json().get("compile_output").asString()).isEmpty();
    }

    @Test
    void requestedLimitsAreCappedByTheServer() {
        ApiClient.Response response = api.postJson("/api/execute", Map.of("language", "python",
                "code", "import time\ntime.sleep(10)\n", "limits", Map.of("wall_time_ms", 1_000_000)));

        assertThat(response.json().get("status").asString()).isEqualTo("TIME_LIMIT");
        assertThat(response.json().get("reason").asString()).contains("1500 ms");
    }

    @Test
    void hostileProgramsAreContainedAndTheServerKeepsAnswering() {
        ApiClient.Response bomb = api.postJson("/api/execute", Map.of("language", "bash",
                "code", ":(){ :|:& };:\n", "limits", Map.of("wall_time_ms", 1000, "max_processes", 32)));
        ApiClient.Response memory = api.postJson("/api/execute", Map.of("language", "python",
                "code", "x = []\nwhile True:\n    x.append(bytearray(8 << 20))\n", "limits", Map.of("memory_bytes", 64 << 20)));

        assertThat(bomb.status()).isEqualTo(200);
        assertThat(bomb.json().get("status").asString()).isNotEqualTo("INTERNAL_ERROR");
        assertThat(memory.json().get("status").asString()).isEqualTo("MEMORY_LIMIT");
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void htmlComesBackAsAPreview() {
        JsonNode body = api.postJson("/api/execute", Map.of("language", "html", "code", "<p>hi</p>")).json();

        assertThat(body.get("status").asString()).isEqualTo("OK");
        assertThat(body.get("preview").asString()).isEqualTo("<p>hi</p>");
    }

    @Test
    void badRequestsAreRefusedWithAProblemNamingTheCause() {
        assertProblem(api.postJson("/api/execute", Map.of("language", "cobol", "code", "x")), 400, "unknown language 'cobol'");
        assertProblem(api.postJson("/api/execute", Map.of("language", "python", "code", "  ")), 400, "code must not be empty");
        assertProblem(api.postJson("/api/execute", Map.of("language", "python")), 400, "code or files is required");
        assertProblem(api.postJson("/api/execute", Map.of("code", "print(1)")), 400, "language is required");
        assertProblem(api.postJson("/api/execute", Map.of("language", "python", "version", "2.7", "code", "print(1)")),
                400, "version 2.7 of python is not offered");
        assertProblem(api.postJson("/api/execute", Map.of("language", "python",
                "files", List.of(Map.of("name", "../evil.py", "content", "x")))), 400, "must not contain");
        assertProblem(api.postJson("/api/execute", Map.of("language", "python",
                "files", List.of(Map.of("name", "dir/evil.py", "content", "x")))), 400, "path separator");
        assertProblem(api.postJson("/api/execute", Map.of("language", "python",
                "files", List.of(Map.of("name", "a\u0000.py", "content", "x")))), 400, "NUL");
        assertProblem(api.postJson("/api/execute", Map.of("language", "python", "code", "print(1)",
                "limits", Map.of("memory_bytes", -5))), 400, "limits.memory_bytes must be positive");
        assertProblem(api.post("/api/execute", "{\"language\": \"python\", \"code\": "), 400, "malformed request body");
        assertProblem(api.post("/api/execute", "[1, 2]"), 400, "malformed request body");
    }

    @Test
    void aFiftyMegabyteBodyIsRefusedAndTheServerKeepsAnswering() {
        String huge = "{\"language\":\"python\",\"code\":\"" + "x".repeat(50 * 1024 * 1024) + "\"}";

        assertProblem(api.post("/api/execute", huge), 413, "larger than the limit");
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void languagesTemplatesAndStatusDescribeTheHost() {
        JsonNode languages = api.get("/api/languages").json();
        assertThat(languages.findValuesAsString("id")).contains("python", "javascript", "java", "c", "cpp", "bash", "html");

        JsonNode templates = api.get("/api/templates").json();
        assertThat(templates.get("python").get("code").asString()).contains("print");
        assertThat(api.get("/api/templates/node").json().get("file_name").asString()).isEqualTo("main.js");
        assertProblem(api.get("/api/templates/klingon"), 404, "unknown language 'klingon'");

        JsonNode status = api.get("/api/status").json();
        assertThat(status.get("engine").get("runtime").asString()).isEqualTo("bubblewrap");
        assertThat(status.get("engine").get("isolated").asBoolean()).isTrue();
        assertThat(status.get("queue").get("concurrency").asInt()).isEqualTo(2);
        assertThat(status.get("languages").findValuesAsString("version")).isNotEmpty();
    }

    @Test
    void healthOpenApiAndSwaggerUiAreServed() {
        ApiClient.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("ok");

        ApiClient.Response openapi = api.get("/openapi.json");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/execute", "/api/languages");

        ApiClient.Response redirect = api.get("/docs");
        assertThat(redirect.status()).isEqualTo(302);
        ApiClient.Response docs = api.get(java.net.URI.create(redirect.header("Location")).getPath());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).containsIgnoringCase("swagger");
    }

    static void assertProblem(ApiClient.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains(detail);
        assertThat(response.body()).doesNotContain("at io.coderunner").doesNotContain("Exception");
    }
}
