package io.coderunner.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.server.DatabaseAgnostic;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@DatabaseAgnostic
class AddressRateLimitTests {

    @Test
    void eachAddressHasItsOwnAllowanceAndTheRefusalSaysWhenToComeBack() {
        AddressRateLimit limit = new AddressRateLimit("registrations", 2, Duration.ofHours(1), "");
        limit.take("192.0.2.10");
        limit.take("192.0.2.10");
        limit.take("192.0.2.11");

        assertThatThrownBy(() -> limit.take("192.0.2.10"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.getMessage()).startsWith("too many registrations from this address: at most 2 an hour; try again in ");
                    // Half the hour refills one token.
                    assertThat(e.retryAfter()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
                });
    }

    @Test
    void aHintNamesWhatElseTheCallerMayDo() {
        AddressRateLimit limit = new AddressRateLimit("anonymous runs", 1, Duration.ofMinutes(1), "sign in for your tier's quota");
        limit.take(null);
        assertThatThrownBy(() -> limit.take(null))
                .hasMessageContaining("at most 1 a minute; sign in for your tier's quota, or try again in ");
    }

    @Test
    void aLimitBelowOneIsRefusedAtStart() {
        assertThatThrownBy(() -> new AddressRateLimit("sign-in attempts", 0, Duration.ofMinutes(1), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
