package io.coderunner.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The statistics pages, gathered from runs, the code library and the community. */
class StatsApiTests extends ServerTest {

    @Test
    void theCallersStatisticsCountRunsCodeAndCommunity() {
        ApiClient user = newUser("counted");
        ApiClient fan = newUser("counted-fan");
        long id = user.get("/users/me").json().get("id").asLong();
        user.postJson("/execute", Map.of("code", "print(1)"));
        user.postJson("/execute", Map.of("language", "bash", "code", "echo hi"));
        user.postJson("/execute", Map.of("language", "bash", "code", "exit 2"));
        user.postJson("/code-library", Map.of("title", "mine", "code", "print(2)", "is_public", true));
        long post = user.postJson("/community/posts", Map.of("title", "hello", "content", "first")).json().get("id").asLong();
        fan.postJson("/community/posts/" + post + "/like", Map.of());
        fan.postJson("/community/follow/" + id, Map.of());

        JsonNode stats = user.get("/profile/stats").json();
        assertThat(stats.get("total_executions").asLong()).isEqualTo(3);
        assertThat(stats.get("successful_executions").asLong()).isEqualTo(2);
        assertThat(stats.get("success_rate").asDouble()).isEqualTo(66.7);
        assertThat(stats.get("saved_codes").asLong()).isEqualTo(1);
        assertThat(stats.get("posts").asLong()).isEqualTo(1);
        assertThat(stats.get("followers").asLong()).isEqualTo(1);
        assertThat(stats.get("likes_received").asLong()).isEqualTo(1);

        JsonNode enhanced = user.get("/profile/enhanced-stats").json();
        JsonNode runs = enhanced.get("executions");
        assertThat(runs.get("failed").asLong()).isEqualTo(1);
        assertThat(runs.get("by_language").get("bash").asLong()).isEqualTo(2);
        assertThat(runs.get("by_language").get("python").asLong()).isEqualTo(1);
        assertThat(runs.get("average_time_ms").asLong()).isPositive();
        assertThat(runs.get("average_memory_bytes").asLong()).isPositive();
        JsonNode days = runs.get("by_day");
        assertThat(days.size()).isEqualTo(30);
        assertThat(days.get(29).get("date").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(days.get(29).get("count").asLong()).isEqualTo(3);
        assertThat(enhanced.get("quota").get("today_executions").asInt()).isEqualTo(3);
        assertThat(enhanced.get("library").get("limit").asInt()).isEqualTo(5);
        assertThat(enhanced.get("community").get("followers").asLong()).isEqualTo(1);

        JsonNode seen = fan.get("/users/" + id + "/stats").json();
        assertThat(seen.get("username").asString()).isEqualTo("counted");
        assertThat(seen.get("public_codes").asLong()).isEqualTo(1);
        assertThat(seen.get("total_executions").asLong()).isEqualTo(3);
        assertThat(fan.get("/users/999999/stats").status()).isEqualTo(404);
        assertThat(api.get("/profile/stats").status()).isEqualTo(401);
    }

    @Test
    void aPrivateProfileHidesItsRunsFromOthers() {
        ApiClient user = newUser("private-stats");
        long id = user.get("/users/me").json().get("id").asLong();
        user.postJson("/execute", Map.of("language", "bash", "code", "echo x"));
        assertThat(user.putJson("/profile", Map.of("profile_public", false)).status()).isEqualTo(200);

        JsonNode seen = newUser("private-viewer").get("/users/" + id + "/stats").json();
        assertThat(seen.get("profile_public").asBoolean()).isFalse();
        assertThat(seen.has("total_executions")).isFalse();
        assertThat(user.get("/users/" + id + "/stats").json().get("total_executions").asLong()).isEqualTo(1);
    }
}
