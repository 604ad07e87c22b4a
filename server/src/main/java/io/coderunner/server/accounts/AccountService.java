package io.coderunner.server.accounts;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Registering, changing passwords, and administrators' management of users; each change is logged. */
@Service
class AccountService {

    private final UserRepository users;
    private final UserCache cache;
    private final PasswordHasher passwords;
    private final RefreshTokens refreshTokens;
    private final Tiers tiers;
    private final AuthSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountService(UserRepository users, UserCache cache, PasswordHasher passwords, RefreshTokens refreshTokens, Tiers tiers,
                   AuthSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.cache = cache;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.tiers = tiers;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    UserAccount register(AccountRequests.Register request) {
        if (!settings.registrationOpen()) {
            throw new ForbiddenException("registration is closed on this server: ask an administrator for an account");
        }
        UserAccount user = create(request.username(), request.email(), request.password(), request.fullName(), true, false, 1);
        events.publishEvent(AuditEvent.success(user.id(), user.username(), "register", "user", user.id(), null));
        return user;
    }

    @Transactional
    UserAccount create(String username, String email, String password, String fullName, boolean active, boolean admin, int level) {
        String name = UserNames.username(username);
        String mail = UserNames.email(email);
        PasswordPolicy.check(password, name);
        if (users.usernameTaken(name)) {
            throw new ConflictException("username '" + name + "' is already taken");
        }
        if (users.emailTaken(mail, null)) {
            throw new ConflictException("email '" + mail + "' is already registered");
        }
        long id = users.insert(name, mail, passwords.hash(password), UserNames.fullName(fullName), active, admin,
                tiers.requireLevel(level), clock.millis());
        return require(id).account();
    }

    UserAccount me(Caller caller) {
        return cache.get(caller.userId()).map(StoredUser::account)
                .orElseThrow(() -> new NotFoundException("user " + caller.userId() + " not found"));
    }

    @Transactional
    void changePassword(Caller caller, AccountRequests.ChangePassword request) {
        StoredUser user = require(caller.userId());
        if (request.oldPassword() == null || !passwords.matches(request.oldPassword(), user.passwordHash())) {
            events.publishEvent(AuditEvent.failure(user.id(), user.username(), "change_password", "user", user.id(),
                    "wrong current password"));
            throw new InvalidCredentialsException("the current password (old_password) is wrong");
        }
        PasswordPolicy.check(request.newPassword(), user.username());
        setPassword(user, request.newPassword());
        events.publishEvent(AuditEvent.success(user.id(), user.username(), "change_password", "user", user.id(), null));
    }

    /** A new password set by a reset link: the same rules as registering, and every session ends. */
    @Transactional
    void resetPassword(long userId, String newPassword) {
        StoredUser user = require(userId);
        PasswordPolicy.check(newPassword, user.username());
        setPassword(user, newPassword);
        events.publishEvent(AuditEvent.success(user.id(), user.username(), "reset_password", "user", user.id(),
                "by a link sent by mail"));
    }

    List<UserAccount> list(Page page) {
        return users.list(page).stream().map(StoredUser::account).toList();
    }

    @Transactional
    UserAccount adminCreate(Caller admin, AccountRequests.AdminCreate request) {
        UserAccount user = create(request.username(), request.email(), request.password(), request.fullName(),
                request.isActive() == null || request.isActive(), Boolean.TRUE.equals(request.isAdmin()),
                request.userLevel() == null ? 1 : request.userLevel());
        events.publishEvent(AuditEvent.success(admin.userId(), admin.username(), "admin_create_user", "user", user.id(),
                "username=" + user.username() + " admin=" + user.admin() + " level=" + user.level()));
        return user;
    }

    @Transactional
    UserAccount adminUpdate(Caller admin, long id, AccountRequests.AdminUpdate request) {
        StoredUser user = require(id);
        String email = request.email() == null ? user.email() : UserNames.email(request.email());
        if (users.emailTaken(email, id)) {
            throw new ConflictException("email '" + email + "' is already registered");
        }
        boolean active = request.isActive() == null ? user.active() : request.isActive();
        boolean isAdmin = request.isAdmin() == null ? user.admin() : request.isAdmin();
        if (id == admin.userId() && (!active || !isAdmin)) {
            throw new BadRequestException("administrators cannot disable or demote themselves");
        }
        int level = request.userLevel() == null ? user.level() : tiers.requireLevel(request.userLevel());
        // A disabled account's tokens stop working at once, not when they expire.
        long validAfter = user.active() && !active ? clock.millis() + 1 : user.tokensValidAfter();
        String fullName = request.fullName() == null ? user.fullName() : UserNames.fullName(request.fullName());
        users.update(new StoredUser(id, user.username(), email, user.passwordHash(), fullName, active, isAdmin, level,
                user.createdAt(), user.failedLogins(), user.lockedUntil(), validAfter));
        if (!active) {
            refreshTokens.revokeAll(id);
        }
        cache.forget(id);
        if (user.active() && !active) {
            publishAfterCommit(new AccountClosed(id, false));
        }
        events.publishEvent(AuditEvent.success(admin.userId(), admin.username(), "admin_update_user", "user", id,
                "active=" + active + " admin=" + isAdmin + " level=" + level));
        return require(id).account();
    }

    @Transactional
    void adminDelete(Caller admin, long id) {
        StoredUser user = require(id);
        if (id == admin.userId()) {
            throw new BadRequestException("administrators cannot delete themselves");
        }
        users.delete(id);
        cache.forget(id);
        publishAfterCommit(new AccountClosed(id, true));
        events.publishEvent(new UserDeleted(id, user.username(), admin.userId(), admin.username()));
    }

    @Transactional
    void adminSetPassword(Caller admin, long id, AccountRequests.AdminSetPassword request) {
        StoredUser user = require(id);
        PasswordPolicy.check(request.newPassword(), user.username());
        setPassword(user, request.newPassword());
        events.publishEvent(AuditEvent.success(admin.userId(), admin.username(), "admin_change_password", "user", id, null));
    }

    /** A new password ends every session: tokens issued before now are no longer accepted. */
    private void setPassword(StoredUser user, String password) {
        users.setPassword(user.id(), passwords.hash(password), clock.millis() + 1);
        refreshTokens.revokeAll(user.id());
        cache.forget(user.id());
    }

    /**
     * {@link AccountClosed} goes out once the change is committed, to listeners that act at once in
     * this thread. Not a transactional event listener of theirs: those are the event publication
     * registry's, which would track (and, on SQLite, wait on the database for) what is meant to be
     * immediate and needs no retry.
     */
    private void publishAfterCommit(AccountClosed event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            events.publishEvent(event);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                events.publishEvent(event);
            }
        });
    }

    private StoredUser require(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user " + id + " not found"));
    }
}
