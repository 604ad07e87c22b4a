package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sign-in attempts from one address are limited, whichever names they try. */
class LoginThrottleTests extends ServerTest {

    @DynamicPropertySource
    static void fewAttempts(DynamicPropertyRegistry registry) {
        registry.add("coderunner.auth.logins-per-minute-per-ip", () -> "3");
    }

    @Test
    void theFourthAttemptInAMinuteFromOneAddressIsRefusedWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.postJson("/login", Map.of("username", "guess" + i, "password", "guess-pass-1")).status()).isEqualTo(401);
        }
        ApiClient.Response fourth = api.postJson("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.detail()).contains("too many sign-in attempts from this address");
        assertThat(Long.parseLong(fourth.header("Retry-After"))).isPositive();
    }
}
