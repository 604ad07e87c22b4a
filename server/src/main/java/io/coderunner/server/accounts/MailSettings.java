package io.coderunner.server.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mail CodeRunner sends ({@code coderunner.mail.*}); the server it is sent through is Spring's
 * {@code spring.mail.*}, from CODERUNNER_MAIL_HOST and the others.
 *
 * @param from the sender (CODERUNNER_MAIL_FROM), e.g. {@code CodeRunner <noreply@code.example.com>};
 *             empty: the mail user name when it is an address, else noreply at the mail host
 */
@ConfigurationProperties("coderunner.mail")
record MailSettings(String from) {

    MailSettings {
        from = from == null || from.isBlank() ? null : from.strip();
    }
}
