package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/execute: programs run code with an API key, within the daily API-call quota. */
class ExternalApiTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    private String key(ApiClient user, List<String> scopes) {
        return user.postJson("/api-keys", Map.of("key_name", "k" + System.nanoTime(), "scopes", scopes)).json()
                .get("api_key").asString();
    }

    @Test
    void aKeyRunsCodeAndTheRunIsInTheOwnersHistoryAsAnApiCall() {
        ApiClient user = newUser("ext1");
        ApiClient program = api.withToken(key(user, List.of("execute")));

        ApiClient.Response response = program.postJson("/api/v1/execute", Map.of("code", "print(6 * 7)"));
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("output").asString()).isEqualTo("42\n");
        assertThat(body.get("execution").get("is_api_call").asBoolean()).isTrue();

        JsonNode failed = program.postJson("/api/v1/execute", Map.of("language", "bash", "code", "echo oops >&2; exit 1")).json();
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("error").asString()).isEqualTo("oops\n");

        JsonNode history = user.get("/executions").json();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(1).get("is_api_call").asBoolean()).isTrue();
        JsonNode stats = user.get("/user-stats").json();
        assertThat(stats.get("today_api_calls").asInt()).isEqualTo(2);
        assertThat(stats.get("today_executions").asInt()).isZero();
    }

    @Test
    void savedCodeRunsByItsIdWhenTheCallerMayReadIt() {
        ApiClient user = newUser("ext2");
        long userId = user.get("/users/me").json().get("id").asLong();
        long now = System.currentTimeMillis();
        long own = jdbc.sql("INSERT INTO code_library (user_id, title, code, language, is_public, created_at, updated_at) "
                + "VALUES (?, 'hi', 'echo saved', 'bash', ?, ?, ?) RETURNING id").params(userId, false, now, now).query(Long.class).single();
        ApiClient program = api.withToken(key(user, List.of("execute")));

        JsonNode run = program.postJson("/api/v1/execute", Map.of("code_id", own)).json();
        assertThat(run.get("output").asString()).isEqualTo("saved\n");
        assertThat(run.get("execution").get("code_library_id").asLong()).isEqualTo(own);

        ApiClient stranger = api.withToken(key(newUser("ext2b"), List.of("execute")));
        ApiClient.Response refused = stranger.postJson("/api/v1/execute", Map.of("code_library_id", own));
        assertThat(refused.status()).isEqualTo(404);
    }

    @Test
    void theKeyNeedsTheExecuteScopeAndUsersNeedAKey() {
        ApiClient user = newUser("ext3");
        ApiClient readOnly = api.withToken(key(user, List.of("read_library")));
        assertThat(readOnly.postJson("/api/v1/execute", Map.of("code", "print(1)")).status()).isEqualTo(403);
        assertThat(user.postJson("/api/v1/execute", Map.of("code", "print(1)")).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/execute", Map.of("code", "print(1)")).status()).isEqualTo(401);
        // A key is for programs: the web endpoints of the signed-in user refuse it.
        ApiClient program = api.withToken(key(user, List.of("execute")));
        assertThat(program.postJson("/execute", Map.of("code", "print(1)")).status()).isEqualTo(403);
        assertThat(program.get("/api-keys").status()).isEqualTo(403);
    }

    @Test
    void theFreeTiersTwentyFirstApiCallOfTheDayIsRefusedButTheWebQuotaIsApart() {
        ApiClient user = newUser("ext4");
        ApiClient program = api.withToken(key(user, List.of("execute", "read_library")));
        for (int i = 0; i < 20; i++) {
            assertThat(program.get("/api/v1/codes").status()).as("call %d", i + 1).isEqualTo(200);
        }
        ApiClient.Response over = program.postJson("/api/v1/execute", Map.of("code", "print(1)"));
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.detail()).contains("daily API-call quota of 20 API calls (Free tier)");
        assertThat(over.header("Retry-After")).isNotNull();

        assertThat(user.postJson("/execute", Map.of("code", "print('web')")).status()).isEqualTo(200);
    }
}
