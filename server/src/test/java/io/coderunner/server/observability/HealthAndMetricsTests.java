package io.coderunner.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Health that tells the truth (the sandbox is checked by running a program in it) and metrics
 * that count what happened, readable by administrators and by a key made for scraping.
 */
@DatabaseAgnostic
class HealthAndMetricsTests extends ServerTest {

    @Test
    void healthIsPublicAndMinimalAndItsDetailsAreForAdministrators() {
        ApiClient.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().properties()).hasSize(1);
        assertThat(health.json().get("status").asString()).isEqualTo("ok");

        assertThat(api.get("/health/detailed").status()).isEqualTo(401);
        assertThat(newUser("healthuser").get("/health/detailed").status()).isEqualTo(403);
        ApiClient.Response detailed = admin().get("/health/detailed");
        assertThat(detailed.status()).isEqualTo(200);
        JsonNode components = detailed.json().get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("diskSpace").get("status").asString()).isEqualTo("UP");
        JsonNode sandbox = components.get("sandbox");
        assertThat(sandbox.get("status").asString()).isEqualTo("UP");
        assertThat(sandbox.get("details").get("runtime").asString()).isEqualTo("bubblewrap");
        assertThat(sandbox.get("details").has("probed_at")).as("a program was run to check the sandbox: %s", sandbox).isTrue();

        // Actuator's own health shows anyone the status only.
        ApiClient.Response actuator = api.get("/actuator/health");
        assertThat(actuator.status()).isEqualTo(200);
        assertThat(actuator.json().has("components")).isFalse();
        // Probes for orchestrators: liveness, and readiness made of the same checks.
        assertThat(api.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        ApiClient.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(admin().get("/actuator/health/readiness").json().get("components").properties())
                .extracting(java.util.Map.Entry::getKey).contains("db", "sandbox", "diskSpace");
    }

    @Test
    void metricsCountRunsByLanguageAndStatusAndAreForOperatorsOnly() {
        ApiClient user = newUser("metricsuser");
        assertThat(user.postJson("/api/execute", Map.of("language", "python", "code", "print(1)")).status()).isEqualTo(200);
        assertThat(user.postJson("/api/execute", Map.of("language", "python", "code", "raise SystemExit(3)")).status())
                .isEqualTo(200);

        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(user.get("/actuator/prometheus").status()).isEqualTo(403);
        ApiClient.Response metrics = admin().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        String text = metrics.body();
        assertThat(text).containsPattern("coderunner_runs_total\\{[^}]*caller=\"user\"[^}]*language=\"python\"[^}]*status=\"OK\"[^}]*} [1-9]")
                .containsPattern("coderunner_runs_total\\{[^}]*language=\"python\"[^}]*status=\"RUNTIME_ERROR\"[^}]*} [1-9]")
                .containsPattern("coderunner_run_duration_seconds_bucket\\{[^}]*language=\"python\"")
                .containsPattern("coderunner_run_queue_wait_seconds_count\\{[^}]*language=\"python\"[^}]*} [1-9]")
                .contains("coderunner_runs_waiting", "coderunner_runs_running", "coderunner_sandbox_slots",
                        "coderunner_terminals_live", "http_server_requests_seconds");
    }

    @Test
    void everyMetricTheDashboardShowsIsServed() throws Exception {
        assertThat(newUser("dashuser").postJson("/api/execute", Map.of("language", "python", "code", "print(1)")).status())
                .isEqualTo(200);
        String scrape = admin().get("/actuator/prometheus").body();
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("../deploy/grafana/coderunner-dashboard.json"));
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b((?:coderunner|http_server|jvm)_[a-z_]+)").matcher(dashboard);
        java.util.Set<String> shown = new java.util.TreeSet<>();
        while (names.find()) {
            shown.add(names.group(1));
        }
        assertThat(shown).contains("coderunner_runs_total", "coderunner_run_duration_seconds_bucket");
        // Counted from the first AI request on: a server that has answered none has no such series yet.
        shown.remove("coderunner_ai_requests_total");
        for (String name : shown) {
            assertThat(scrape).as("the dashboard's %s", name).contains(name);
        }
    }

    @Test
    void onlyAnAdministratorsKeyWithTheMetricsScopeScrapes() {
        ApiClient user = newUser("scopeuser");
        ApiClient.Response refused = user.postJson("/api-keys", Map.of("key_name", "scraper", "scopes", List.of("metrics")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).contains("only administrators");

        ApiClient admin = admin();
        String scraper = admin.postJson("/api-keys", Map.of("key_name", "scraper", "scopes", List.of("metrics")))
                .json().get("api_key").asString();
        String runner = admin.postJson("/api-keys", Map.of("key_name", "runner")).json().get("api_key").asString();
        assertThat(api.withToken(scraper).get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(api.withToken(runner).get("/actuator/prometheus").status()).isEqualTo(403);
        // The scraping key does nothing else.
        assertThat(api.withToken(scraper).postJson("/api/execute", Map.of("language", "python", "code", "print(1)")).status())
                .isEqualTo(403);
    }
}
