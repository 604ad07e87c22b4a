package io.coderunner.server.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Users by id for authenticating requests: every authenticated request needs its user (is the
 * account still active, is the token still valid), and most need nothing else from the database.
 * Entries live a few seconds and are dropped at once when this server changes the user.
 */
@Component
class UserCache {

    private final UserRepository users;
    private final Cache<Long, Optional<StoredUser>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5)).maximumSize(100_000).build();

    UserCache(UserRepository users) {
        this.users = users;
    }

    Optional<StoredUser> get(long id) {
        return cache.get(id, users::findById);
    }

    void forget(long id) {
        cache.invalidate(id);
    }
}
