package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Registrations from one address are limited; other addresses are not affected. */
// The same settings as LoginThrottleTests, so that the two classes share one server: each throttle counts
// on its own (sign-ins, registrations), and neither class signs in from where the other registers.
@TestPropertySource(properties = {"coderunner.auth.logins-per-minute-per-ip=3", "coderunner.auth.registrations-per-hour-per-ip=3"})
@DatabaseAgnostic
class RegistrationThrottleTests extends ServerTest {

    private HttpResponse<String> register(String from, String name) throws Exception {
        HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
        String body = "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"password-" + name + "-1\"}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thirtyOneRegistrationsFromOneAddressAreRefusedPastTheLimit() throws Exception {
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 31; i++) {
            HttpResponse<String> response = register("127.0.0.1", "flood" + i);
            if (response.statusCode() == 200) {
                accepted++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.body()).contains("too many registrations from this address: at most 3 an hour");
                assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
                refused++;
            }
        }
        assertThat(accepted).isEqualTo(3);
        assertThat(refused).isEqualTo(28);
        // Another address registers as usual.
        assertThat(register("127.0.0.2", "elsewhere").statusCode()).isEqualTo(200);
    }
}
