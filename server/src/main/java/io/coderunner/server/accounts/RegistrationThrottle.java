package io.coderunner.server.accounts;

import io.coderunner.server.http.AddressRateLimit;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Registrations per client address: one place cannot make accounts by the hundred, each with its
 * own daily quotas.
 */
@Component
class RegistrationThrottle {

    private final AddressRateLimit limit;

    RegistrationThrottle(AuthSettings settings) {
        this.limit = new AddressRateLimit("registrations", settings.registrationsPerHourPerIp(), Duration.ofHours(1), "");
    }

    void check(String address) {
        limit.take(address);
    }
}
