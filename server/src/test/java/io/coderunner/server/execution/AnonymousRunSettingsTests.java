package io.coderunner.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An administrator decides, while the server runs, whether visitors may run programs and how many a minute. */
class AnonymousRunSettingsTests extends ServerTest {

    /** What the test configuration gives, put back after each test: the settings outlive a test in the database. */
    private static final Map<String, Object> CONFIGURED = Map.of("anonymous_runs_allowed", true,
            "anonymous_runs_per_minute_per_ip", 100_000);

    @AfterEach
    void putBack() {
        assertThat(admin().putJson("/admin/settings", CONFIGURED).status()).isEqualTo(200);
    }

    private HttpResponse<String> anonymousRun(String from) throws Exception {
        HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/execute"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"language\":\"bash\",\"code\":\"echo hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void visitorsRunBySeed002sDefaultsUntilAnAdministratorTurnsThemOff() throws Exception {
        assertThat(new AnonymousSettings(null, null, null, null, null)).satisfies(defaults -> {
            assertThat(defaults.allowed()).isTrue();
            assertThat(defaults.runsPerMinutePerIp()).isEqualTo(30);
        });
        ApiClient admin = admin();
        JsonNode settings = admin.get("/admin/settings").json();
        assertThat(settings.get("anonymous_runs_allowed").asBoolean()).isTrue();
        assertThat(anonymousRun("127.0.0.61").statusCode()).isEqualTo(200);

        ApiClient.Response off = admin.putJson("/admin/settings", Map.of("anonymous_runs_allowed", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("anonymous_runs_allowed").asBoolean()).isFalse();
        // Left out of the change, the rate keeps its value.
        assertThat(off.json().get("anonymous_runs_per_minute_per_ip").asInt()).isEqualTo(100_000);

        HttpResponse<String> refused = anonymousRun("127.0.0.61");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"code\":\"anonymous_runs_disabled\"").contains("sign in");
        ExecuteSocketClient socket = new ExecuteSocketClient(port, true, Map.of());
        socket.send(Map.of("type", "start", "language", "bash", "code", "echo hi"));
        assertThat(socket.next("error").body().get("code").asString()).isEqualTo("anonymous_runs_disabled");
        // Signed-in users are not affected.
        assertThat(newUser("settingsrunner").postJson("/execute", Map.of("language", "bash", "code", "echo me")).status())
                .isEqualTo(200);
        assertThat(admin.get("/admin/logs?action=change_settings").body()).contains("anonymous runs not allowed");
    }

    @Test
    void theRatePerAddressIsTheAdministratorsAndAnswers429WithRetryAfter() throws Exception {
        assertThat(admin().putJson("/admin/settings", Map.of("anonymous_runs_per_minute_per_ip", 2)).status()).isEqualTo(200);
        assertThat(anonymousRun("127.0.0.62").statusCode()).isEqualTo(200);
        assertThat(anonymousRun("127.0.0.62").statusCode()).isEqualTo(200);
        HttpResponse<String> third = anonymousRun("127.0.0.62");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(third.body()).contains("\"code\":\"rate_limited\"").contains("at most 2 a minute");
        assertThat(anonymousRun("127.0.0.63").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAdministratorsChangeThemAndNonsenseIsRefused() {
        ApiClient user = newUser("settingsuser");
        assertThat(user.get("/admin/settings").status()).isEqualTo(403);
        assertThat(user.putJson("/admin/settings", Map.of("anonymous_runs_allowed", false)).status()).isEqualTo(403);
        ApiClient.Response zero = admin().putJson("/admin/settings", Map.of("anonymous_runs_per_minute_per_ip", 0));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.detail()).contains("anonymous_runs_per_minute_per_ip must be between 1");
        assertThat(admin().get("/admin/settings").json().get("anonymous_runs_allowed").asBoolean()).isTrue();
    }
}
