package io.coderunner.server.accounts;

import io.coderunner.server.system.CodeRunnerSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where a password reset link points: the web UI's reset page at the server's public URL
 * (CODERUNNER_PUBLIC_URL). Without one, the origin the request came to is used, which is what a
 * browser sent as Host: fine on a server reached at one name, but an installation that mails links
 * should set the public URL so that no request can have a link to another host mailed.
 */
@Component
class PasswordResetLinks {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetLinks.class);

    private final String publicUrl;

    PasswordResetLinks(CodeRunnerSettings settings, PasswordResetMail mail) {
        this.publicUrl = settings.publicUrl();
        if (publicUrl == null && mail.enabled()) {
            log.warn("Password reset mails link to the address each request came to: set CODERUNNER_PUBLIC_URL to the "
                    + "server's public URL (e.g. https://code.example.com) so that they always point there");
        }
    }

    String link(HttpServletRequest request, String token) {
        String base = publicUrl != null ? publicUrl : ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        return base + "/app/reset-password?token=" + token;
    }
}
