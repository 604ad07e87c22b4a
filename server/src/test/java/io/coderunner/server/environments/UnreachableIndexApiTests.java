package io.coderunner.server.environments;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An install whose package index cannot be reached says so, rather than blaming the package. The
 * index's name does not resolve (.invalid): an index that is down lets pip retry for a minute and
 * more before it gives up; what pip prints then is classified in InstallFailureTests.
 */
class UnreachableIndexApiTests extends ServerTest {

    private static final String INDEX = "http://pypi.invalid/simple/";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("coderunner.environments.pip-index-url", () -> INDEX);
    }

    @Test
    void anInstallFromAnIndexThatCannotBeReachedNamesTheIndex() {
        ApiClient user = newUser("pyoffline");
        user.postJson("/user-environments", Map.of("name", "offline"));

        ApiClient.Response response = user.postJson("/environments/offline/packages/install", Map.of("packages", List.of("requests")));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.json().get("cause").asString()).as(response.body()).isEqualTo("index_unreachable");
        assertThat(response.json().get("message").asString())
                .contains("the package index could not be reached (no network to " + INDEX + ")")
                .contains("unchanged")
                .doesNotContain("No matching distribution");
        assertThat(user.get("/environments/offline/packages").json()).isEmpty();
    }
}
