package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Sign-in attempts from one address are limited, whichever names they try. */
// The same settings as RegistrationThrottleTests, so that the two classes share one server: each throttle counts
// on its own (sign-ins, registrations), and neither class signs in from where the other registers.
@TestPropertySource(properties = {"coderunner.auth.logins-per-minute-per-ip=3", "coderunner.auth.registrations-per-hour-per-ip=3"})
@DatabaseAgnostic
class LoginThrottleTests extends ServerTest {

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
