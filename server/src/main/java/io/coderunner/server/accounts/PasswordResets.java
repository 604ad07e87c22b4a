package io.coderunner.server.accounts;

import io.coderunner.server.http.AddressRateLimit;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.system.AuditEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resetting a forgotten password by a link sent by mail. Asking says nothing about whether the
 * account exists: the same answer, the mail sent apart from it. Asking is limited per client
 * address and per e-mail address, so neither one place nor many can flood an inbox.
 */
@Service
class PasswordResets {

    private final UserRepository users;
    private final PasswordResetTokens tokens;
    private final PasswordResetMail mail;
    private final PasswordResetLinks links;
    private final AccountService accounts;
    private final ApplicationEventPublisher events;
    private final AddressRateLimit perAddress;
    private final AddressRateLimit perAccount;

    PasswordResets(UserRepository users, PasswordResetTokens tokens, PasswordResetMail mail, PasswordResetLinks links,
                   AccountService accounts, ApplicationEventPublisher events, AuthSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.mail = mail;
        this.links = links;
        this.accounts = accounts;
        this.events = events;
        this.perAddress = new AddressRateLimit("password reset requests", settings.passwordResetsPerHourPerIp(),
                Duration.ofHours(1), "");
        this.perAccount = new AddressRateLimit("password reset requests", "for this e-mail address",
                settings.passwordResetsPerHourPerAccount(), Duration.ofHours(1), "look for the mails already sent");
    }

    boolean enabled() {
        return mail.enabled();
    }

    /** Sends a reset link to the account with this e-mail address, if there is one that may sign in. */
    void request(String email, String address, HttpServletRequest http, Locale locale) {
        if (!mail.enabled()) {
            throw new NotFoundException("password reset by mail is off on this server (no mail server is configured): "
                    + "ask an administrator to set a new password");
        }
        perAddress.take(address);
        String mailAddress = UserNames.email(email);
        perAccount.take(mailAddress.toLowerCase(Locale.ROOT));
        // Only an e-mail address finds the account: a user name would let anyone have mail sent to an address they do not know.
        users.findByLogin(mailAddress).filter(user -> user.email().equalsIgnoreCase(mailAddress)).filter(StoredUser::active)
                .ifPresent(user -> {
                    String token = tokens.issue(user.id());
                    mail.send(user.email(), user.username(), links.link(http, token), locale);
                    events.publishEvent(AuditEvent.success(user.id(), user.username(), "request_password_reset", "user",
                            user.id(), "link sent by mail"));
                });
    }

    /** Sets the new password of the link's account, once; every session of the account ends. */
    @Transactional
    void reset(String token, String newPassword) {
        long userId = tokens.spend(token);
        accounts.resetPassword(userId, newPassword);
        tokens.spendAll(userId);
    }
}
