package io.coderunner.server.accounts;

import io.coderunner.server.http.AddressRateLimit;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Sign-in attempts per client address: password guessing from one place is slowed to the
 * configured rate, whichever accounts it tries.
 */
@Component
class LoginThrottle {

    private final AddressRateLimit limit;

    LoginThrottle(AuthSettings settings) {
        this.limit = new AddressRateLimit("sign-in attempts", settings.loginsPerMinutePerIp(), Duration.ofMinutes(1), "");
    }

    void check(String address) {
        limit.take(address);
    }
}
