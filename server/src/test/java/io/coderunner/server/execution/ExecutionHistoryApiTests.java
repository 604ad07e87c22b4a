package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.http.Timestamps;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Runs of signed-in users: their tier's limits, the daily quota, and the history. */
class ExecutionHistoryApiTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRunAnswersTheSeedsCodeExecutionResponseAndIsKept() {
        ApiClient user = newUser("runner1");
        ApiClient.Response response = user.postJson("/execute", Map.of("code", "print(input() * 2)", "stdin", "ab"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode run = response.json();
        assertThat(run.get("status").asString()).isEqualTo("OK");
        assertThat(run.get("result").asString()).isEqualTo("abab\n");
        assertThat(run.get("stdout").asString()).isEqualTo("abab\n");
        assertThat(run.get("code").asString()).isEqualTo("print(input() * 2)");
        assertThat(run.get("language").asString()).isEqualTo("python");
        assertThat(run.get("is_api_call").asBoolean()).isFalse();
        assertThat(run.get("code_library_id").isNull()).isTrue();
        assertThat(run.get("memory_usage").asLong()).isPositive();
        assertThat(run.get("created_at").asString()).endsWith("Z");
        for (String field : new String[] {"id", "execution_time", "exit_code", "stderr", "compile_output", "cpu_time"}) {
            assertThat(run.has(field)).as(field).isTrue();
        }

        user.postJson("/execute", Map.of("language", "bash", "code", "echo second"));
        JsonNode history = user.get("/executions").json();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("result").asString()).isEqualTo("second\n");
        assertThat(history.get(1).get("id").asLong()).isEqualTo(run.get("id").asLong());
        assertThat(newUser("runner1other").get("/executions").json().size()).isZero();
        assertThat(user.get("/profile/logs?action=execute").json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void theFreeTiersEleventhRunOfTheDayIsRefusedUntilMidnight() throws Exception {
        ApiClient user = newUser("quota1");
        for (int i = 0; i < 10; i++) {
            assertThat(user.postJson("/execute", Map.of("language", "bash", "code", "echo " + i)).status()).isEqualTo(200);
        }
        ApiClient.Response eleventh = user.postJson("/execute", Map.of("language", "bash", "code", "echo 11"));
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.detail()).contains("daily execution quota of 10 runs (Free tier)").contains("resets at")
                .contains("T00:00:00Z");
        assertThat(Long.parseLong(eleventh.header("Retry-After"))).isBetween(1L, 86_400L);
        // What a client branches on and a page words in its own language, with the figures to say.
        JsonNode problem = eleventh.json();
        assertThat(problem.get("code").asString()).isEqualTo("quota_exhausted");
        assertThat(problem.get("quota").asString()).isEqualTo("executions");
        assertThat(problem.get("limit").asInt()).isEqualTo(10);
        assertThat(problem.get("tier").asString()).isEqualTo("Free");
        assertThat(problem.get("resets_at").asString()).endsWith("T00:00:00Z");
        assertThat(problem.get("retry_after_seconds").asLong()).isEqualTo(Long.parseLong(eleventh.header("Retry-After")));

        // The run WebSocket refuses the same way, with the same fields.
        ExecuteSocketClient socket = new ExecuteSocketClient(port, true, Map.of());
        socket.send(Map.of("type", "auth", "token", login("quota1", "password-quota1-1")));
        socket.next("authenticated");
        socket.send(Map.of("type", "start", "language", "bash", "code", "echo 12"));
        JsonNode refusal = socket.next("error").body();
        assertThat(refusal.get("code").asString()).isEqualTo("quota_exhausted");
        assertThat(refusal.get("limit").asInt()).isEqualTo(10);
        assertThat(refusal.get("resets_at").asString()).isEqualTo(problem.get("resets_at").asString());
        assertThat(refusal.get("detail").asString()).contains("daily execution quota");

        JsonNode stats = user.get("/user-stats").json();
        assertThat(stats.get("today_executions").asInt()).isEqualTo(10);
        assertThat(stats.get("remaining_executions").asInt()).isZero();
        assertThat(stats.get("daily_executions_limit").asInt()).isEqualTo(10);
        assertThat(stats.get("level_name").asString()).isEqualTo("Free");
        assertThat(stats.get("total_executions").asLong()).isEqualTo(10);
        // The seed's signed-in /api/execute counts against the same quota.
        assertThat(user.postJson("/api/execute", Map.of("language", "bash", "code", "echo x")).status()).isEqualTo(429);
    }

    @Test
    void yesterdaysRunsDoNotCountToday() {
        ApiClient user = newUser("quota2");
        long id = user.get("/users/me").json().get("id").asLong();
        int yesterday = Timestamps.day(System.currentTimeMillis()) - 1;
        jdbc.sql("INSERT INTO daily_usage (user_id, day, executions, api_calls) VALUES (?, ?, 10, 20)").params(id, yesterday).update();

        assertThat(user.postJson("/execute", Map.of("language", "bash", "code", "echo today")).status()).isEqualTo(200);
        assertThat(user.get("/user-stats").json().get("today_executions").asInt()).isEqualTo(1);
    }

    @Test
    void theTiersMemoryAndTimeAreTheRunsLimits() {
        ApiClient free = newUser("limits1");
        JsonNode big = free.postJson("/execute", Map.of("code", "x = bytearray(300 * 1024 * 1024)\nprint(len(x))",
                "limits", Map.of("memory_bytes", 1024L * 1024 * 1024))).json();
        assertThat(big.get("status").asString()).isEqualTo("MEMORY_LIMIT");
        assertThat(big.get("reason").asString()).contains(Long.toString(128L * 1024 * 1024));

        JsonNode slow = free.postJson("/execute", Map.of("code", "import time\ntime.sleep(5)",
                "limits", Map.of("wall_time_ms", 500))).json();
        assertThat(slow.get("status").asString()).isEqualTo("TIME_LIMIT");
        assertThat(slow.get("reason").asString()).contains("500 ms");
    }

    @Test
    void administratorsSeeEveryonesRunsWithFilters() {
        ApiClient user = newUser("watched");
        long id = user.get("/users/me").json().get("id").asLong();
        user.postJson("/execute", Map.of("language", "bash", "code", "exit 3"));
        user.postJson("/execute", Map.of("language", "bash", "code", "echo fine"));

        ApiClient admin = admin();
        JsonNode failed = admin.get("/admin/executions?user_id=" + id + "&status=runtime_error").json();
        assertThat(failed.size()).isEqualTo(1);
        assertThat(failed.get(0).get("exit_code").asInt()).isEqualTo(3);
        assertThat(failed.get(0).get("user_id").asLong()).isEqualTo(id);
        assertThat(admin.get("/admin/executions?user_id=" + id).json().size()).isEqualTo(2);
        assertThat(admin.get("/admin/executions?user_id=" + id + "&start_date=2999-01-01").json().size()).isZero();
        assertThat(user.get("/admin/executions").status()).isEqualTo(403);
        assertThat(api.get("/executions").status()).isEqualTo(401);
        assertThat(api.postJson("/execute", Map.of("code", "print(1)")).status()).isEqualTo(401);
    }

    @Test
    void theHistoryListsSummariesAndEachRunHasItsWholeOutput() {
        ApiClient user = newUser("longprinter");
        // 10,000 characters on stdout and on stderr, 4,500 of them after the first 2,048.
        long id = user.postJson("/execute", Map.of("language", "bash",
                "code", "printf 'o%.0s' $(seq 10000); printf 'e%.0s' $(seq 10000) >&2")).json().get("id").asLong();
        user.postJson("/execute", Map.of("language", "bash", "code", "echo short"));

        JsonNode history = user.get("/executions").json();
        JsonNode short_ = history.get(0);
        assertThat(short_.get("stdout").asString()).isEqualTo("short\n");
        assertThat(short_.get("truncated").asBoolean()).isFalse();
        JsonNode listed = history.get(1);
        assertThat(listed.get("id").asLong()).isEqualTo(id);
        assertThat(listed.get("truncated").asBoolean()).isTrue();
        assertThat(listed.get("stdout").asString()).isEqualTo("o".repeat(2048));
        assertThat(listed.get("stderr").asString()).isEqualTo("e".repeat(2048));
        assertThat(listed.get("result").asString()).hasSize(2048);
        assertThat(listed.get("code").asString()).contains("seq 10000");
        // The program's own limits were not reached: that is another flag.
        assertThat(listed.get("stdout_truncated").asBoolean()).isFalse();

        JsonNode whole = user.get("/executions/" + id).json();
        assertThat(whole.get("stdout").asString()).isEqualTo("o".repeat(10000));
        assertThat(whole.get("stderr").asString()).isEqualTo("e".repeat(10000));
        assertThat(whole.get("truncated").asBoolean()).isFalse();
        for (String field : new String[] {"id", "code", "result", "status", "execution_time", "memory_usage", "created_at",
                "is_api_call", "code_library_id"}) {
            assertThat(whole.has(field)).as(field).isTrue();
        }

        // Someone else's run is not found; an administrator sees anyone's.
        ApiClient.Response other = newUser("longprinter2").get("/executions/" + id);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("code").asString()).isNotBlank();
        assertThat(admin().get("/executions/" + id).json().get("stdout").asString()).hasSize(10000);
        assertThat(user.get("/executions/999999999").status()).isEqualTo(404);
        assertThat(user.get("/executions/abc").status()).isEqualTo(400);
        assertThat(api.get("/executions/" + id).status()).isEqualTo(401);
        JsonNode adminListed = admin().get("/admin/executions?user_id=" + whole.get("user_id").asLong()).json();
        assertThat(adminListed.get(1).get("stdout").asString()).hasSize(2048);
    }
}
