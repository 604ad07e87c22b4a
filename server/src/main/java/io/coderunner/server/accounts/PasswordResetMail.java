package io.coderunner.server.accounts;

import jakarta.annotation.PreDestroy;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The mail with a password reset link, sent through the configured SMTP server (spring.mail.*, from
 * CODERUNNER_MAIL_HOST and the others). Without a mail host, reset by mail is off.
 *
 * <p>Mail goes out on a thread of its own: the answer to POST /forgot-password then takes as long
 * whether or not the account exists (a timing difference would tell), and a slow mail server does
 * not hold the request. A mail that cannot be sent is logged; the user can ask again.
 */
@Component
class PasswordResetMail {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetMail.class);

    private final JavaMailSender sender;
    private final String from;
    private final SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("password-reset-mail-");

    PasswordResetMail(ObjectProvider<JavaMailSender> sender, @Value("${spring.mail.host:}") String host,
                      @Value("${spring.mail.username:}") String username, MailSettings settings) {
        this.sender = host.isBlank() ? null : sender.getIfAvailable();
        this.from = settings.from() != null ? settings.from()
                : username.contains("@") ? username : "CodeRunner <noreply@" + host.strip() + ">";
        executor.setVirtualThreads(true);
        executor.setConcurrencyLimit(16);
    }

    boolean enabled() {
        return sender != null;
    }

    /** Sends the link in the user's language (English or Chinese), in the background. */
    void send(String to, String username, String link, Locale locale) {
        if (sender == null) {
            throw new IllegalStateException("password reset by mail is off: no mail host is configured");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        boolean chinese = locale != null && "zh".equals(locale.getLanguage());
        long minutes = PasswordResetTokens.LIFETIME.toMinutes();
        if (chinese) {
            message.setSubject("重置你的 CodeRunner 密码");
            message.setText(username + "，你好：\n\n有人（希望是你）请求重置你的 CodeRunner 账户密码。请在 " + minutes
                    + " 分钟内打开下面的链接设置新密码：\n\n" + link + "\n\n此链接只能使用一次。如果不是你本人的请求，请忽略这封邮件，"
                    + "你的密码不会改变。\n");
        } else {
            message.setSubject("Reset your CodeRunner password");
            message.setText("Hello " + username + ",\n\nSomeone (hopefully you) asked to reset the password of your CodeRunner "
                    + "account. Open this link within " + minutes + " minutes to choose a new one:\n\n" + link
                    + "\n\nThe link works once. If you did not ask for this, ignore this mail: your password stays as it is.\n");
        }
        executor.execute(() -> {
            try {
                sender.send(message);
            } catch (MailException e) {
                log.warn("The password reset mail for user {} could not be sent: {}", username, e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.close();
    }
}
