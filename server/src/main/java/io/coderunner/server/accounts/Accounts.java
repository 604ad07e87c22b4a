package io.coderunner.server.accounts;

import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What other modules may ask about users: who they are and which tier they have. */
@Service
public class Accounts {

    private final UserCache users;
    private final UserRepository repository;
    private final Tiers tiers;

    Accounts(UserCache users, UserRepository repository, Tiers tiers) {
        this.users = users;
        this.repository = repository;
        this.tiers = tiers;
    }

    public Optional<UserAccount> find(long userId) {
        return users.get(userId).map(StoredUser::account);
    }

    /** By user name, regardless of case (never by e-mail address). */
    public Optional<UserAccount> findByUsername(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return repository.findByLogin(username.strip()).filter(user -> user.username().equalsIgnoreCase(username.strip()))
                .map(StoredUser::account);
    }

    /**
     * Sets a user's full name (blank: none), checked as at registration; the caller logs the change.
     * For the profile module, which edits it along with the rest of a user's profile.
     */
    public UserAccount updateFullName(long userId, String fullName) {
        String name = UserNames.fullName(fullName);
        if (!repository.setFullName(userId, name)) {
            throw new NotFoundException("user " + userId + " not found");
        }
        users.forget(userId);
        return find(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"));
    }

    /** The tier of the caller as stored now (a change of tier applies to the next request). */
    public Tier tierOf(Caller caller) {
        return tiers.of(users.get(caller.userId()).map(StoredUser::level).orElse(caller.level()));
    }
}
