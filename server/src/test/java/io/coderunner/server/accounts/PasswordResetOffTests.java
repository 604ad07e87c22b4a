package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server without a mail host offers no password reset by mail, and says so. */
class PasswordResetOffTests extends ServerTest {

    @Test
    void withoutAMailHostThereIsNoResetByMail() {
        assertThat(api.get("/auth/options").json().get("password_reset_by_mail").asBoolean()).isFalse();

        ApiClient.Response refused = api.postJson("/forgot-password", Map.of("email", "ada@example.com"));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.detail()).contains("password reset by mail is off");
        // Health does not depend on a mail server.
        assertThat(api.get("/health").status()).isEqualTo(200);
    }
}
