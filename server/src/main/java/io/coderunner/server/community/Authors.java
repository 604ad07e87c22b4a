package io.coderunner.server.community;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.UserAccount;
import io.coderunner.server.http.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Users by id, from the accounts module (whose cache answers most of these). */
@Component
class Authors {

    private final Accounts accounts;

    Authors(Accounts accounts) {
        this.accounts = accounts;
    }

    Optional<UserAccount> find(long userId) {
        return accounts.find(userId);
    }

    UserAccount require(long userId) {
        return accounts.find(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"));
    }

    /** Each id once; a user deleted meanwhile is shown by id only. */
    Map<Long, Author> of(List<Long> userIds) {
        Map<Long, Author> authors = new HashMap<>();
        for (long id : userIds) {
            authors.computeIfAbsent(id, this::of);
        }
        return authors;
    }

    Author of(long userId) {
        return accounts.find(userId).map(Authors::of).orElseGet(() -> new Author(userId, null, null));
    }

    static Author of(UserAccount user) {
        return new Author(user.id(), user.username(), user.fullName());
    }
}
