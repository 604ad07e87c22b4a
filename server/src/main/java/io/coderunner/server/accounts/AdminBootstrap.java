package io.coderunner.server.accounts;

import io.coderunner.server.system.AuditEvent;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * On the first start (no administrator yet) makes one: named {@code coderunner.auth.admin-username},
 * with CODERUNNER_ADMIN_PASSWORD as password, or a generated one printed once to the log. There is
 * no well-known default password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final AccountService accounts;
    private final AuthSettings settings;
    private final ApplicationEventPublisher events;

    AdminBootstrap(UserRepository users, AccountService accounts, AuthSettings settings, ApplicationEventPublisher events) {
        this.users = users;
        this.accounts = accounts;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyAdmin()) {
            return;
        }
        String password = settings.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "7a";
        }
        UserAccount admin = accounts.create(settings.adminUsername(), settings.adminUsername() + "@coderunner.local", password,
                "Administrator", true, true, 4);
        events.publishEvent(AuditEvent.success(admin.id(), admin.username(), "create_admin", "user", admin.id(),
                generated ? "first start, generated password" : "first start, password from CODERUNNER_ADMIN_PASSWORD"));
        if (generated) {
            log.warn("""

                    ==========================================================================
                    Created the administrator '{}' with the password:  {}
                    It is shown only this once: sign in and change it (POST /change-password),
                    or set CODERUNNER_ADMIN_PASSWORD before the first start.
                    ==========================================================================""",
                    admin.username(), password);
        } else {
            log.info("Created the administrator '{}' with the password from CODERUNNER_ADMIN_PASSWORD", admin.username());
        }
    }
}
