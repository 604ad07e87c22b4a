package io.coderunner.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A server that cannot serve says so: here its data directory's disk has less room than the
 * server needs (the threshold is set above any real disk), so /health answers 503 and names nothing
 * to the public, while an administrator sees which check failed.
 */
@TestPropertySource(properties = "management.health.diskspace.threshold=1000TB")
@DatabaseAgnostic
class UnhealthyServerTests extends ServerTest {

    @Test
    void aFailingCheckMakesHealthAnswer503() {
        ApiClient.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("status").asString()).isEqualTo("unavailable");
        assertThat(health.body()).doesNotContain("diskSpace");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);

        ApiClient.Response detailed = admin().get("/health/detailed");
        assertThat(detailed.status()).isEqualTo(503);
        assertThat(detailed.json().get("components").get("diskSpace").get("status").asString()).isEqualTo("DOWN");
        assertThat(detailed.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
    }
}
