package io.coderunner.server;

import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The password reset link in a mail the server sent, as a reader of the mail would find it. */
public final class MailLinks {

    private static final Pattern RESET_LINK = Pattern.compile("https?://\\S+/app/reset-password\\?token=([A-Za-z0-9_-]+)");

    private MailLinks() {
    }

    /** The link itself, e.g. http://127.0.0.1:1234/app/reset-password?token=prt_... */
    public static String resetLink(MimeMessage mail) {
        return match(mail).group();
    }

    public static String resetToken(MimeMessage mail) {
        return match(mail).group(1);
    }

    /** The text of a plain-text mail, decoded from its transfer encoding. */
    public static String text(MimeMessage mail) {
        try {
            return mail.getContent().toString();
        } catch (Exception e) {
            throw new AssertionError("the mail cannot be read", e);
        }
    }

    private static Matcher match(MimeMessage mail) {
        String body = text(mail);
        Matcher matcher = RESET_LINK.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no password reset link in the mail:\n" + body);
        }
        return matcher;
    }
}
