package io.coderunner.server.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Terminal sessions going at once are limited server-wide, whichever users start them. */
@DatabaseAgnostic
class TerminalCapTests extends ServerTest {

    @DynamicPropertySource
    static void twoSessions(DynamicPropertyRegistry registry) {
        registry.add("coderunner.terminals.max-live-sessions", () -> "2");
    }

    @Test
    void pastTheServersLimitANewSessionIsRefusedUntilOneEnds() {
        ApiClient first = newUser("capfirst");
        ApiClient second = newUser("capsecond");
        ApiClient third = newUser("capthird");
        ApiClient.Response a = first.postJson("/ccresearch/sessions", Map.of("title", "a"));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(second.postJson("/ccresearch/sessions", Map.of("title", "b")).status()).isEqualTo(200);

        ApiClient.Response refused = third.postJson("/ccresearch/sessions", Map.of("title", "c"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.detail()).contains("the server has its most terminal sessions going (2)");
        assertThat(refused.header("Retry-After")).isNotNull();

        // Once one ends, there is room again.
        assertThat(first.delete("/ccresearch/sessions/" + a.json().get("id").asString()).status()).isEqualTo(200);
        assertThat(third.postJson("/ccresearch/sessions", Map.of("title", "c")).status()).isEqualTo(200);
    }
}
