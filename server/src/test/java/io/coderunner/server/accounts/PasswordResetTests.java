package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.coderunner.server.ApiClient;
import io.coderunner.server.MailLinks;
import io.coderunner.server.ServerTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A forgotten password reset by mail, through the real HTTP API and a real SMTP server (GreenMail
 * on a free port) that the server sends its mail to. Every test but the limits' asks from 127.0.0.1;
 * the limits' tests ask from addresses of their own.
 */
@TestPropertySource(properties = {"coderunner.auth.password-resets-per-hour-per-ip=20",
        "coderunner.auth.password-resets-per-hour-per-account=3"})
class PasswordResetTests extends ServerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("coderunner.mail.from", () -> "CodeRunner <noreply@coderunner.test>");
    }

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static String passwordOf(String name) {
        return "password-" + name + "-1";
    }

    private ApiClient.Response forgot(String email) {
        return api.postJson("/forgot-password", Map.of("email", email));
    }

    /** Asks for a link and returns the one mail that arrives. */
    private MimeMessage requestLink(String email) {
        assertThat(forgot(email).status()).isEqualTo(202);
        assertThat(SMTP.waitForIncomingEmail(15_000, 1)).as("a mail arrives").isTrue();
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(1);
        return mails[0];
    }

    private ApiClient.Response reset(String token, String password) {
        return api.postJson("/reset-password", Map.of("token", token, "new_password", password));
    }

    @Test
    void theLinkInTheMailSetsANewPasswordOnce() throws Exception {
        String name = unique("forgetful");
        newUser(name);

        MimeMessage mail = requestLink(name + "@example.com");
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(name + "@example.com");
        assertThat(mail.getFrom()[0].toString()).contains("noreply@coderunner.test");
        assertThat(mail.getSubject()).isEqualTo("Reset your CodeRunner password");
        assertThat(MailLinks.text(mail)).contains("Hello " + name).contains("30 minutes");
        // The link leads to this server's web UI (no public URL is configured: the request's origin).
        assertThat(MailLinks.resetLink(mail)).startsWith("http://127.0.0.1:" + port + "/app/reset-password?token=prt_");
        String token = MailLinks.resetToken(mail);

        // Only the token's hash is kept.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM password_reset_tokens WHERE token_hash = ?").param(token)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM password_reset_tokens WHERE token_hash = ?").param(RefreshTokens.hash(token))
                .query(Long.class).single()).isOne();

        // A password the rules refuse is refused as at registration, and the link still works.
        ApiClient.Response weak = reset(token, "short");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("code").asString()).isEqualTo("invalid_request");
        assertThat(weak.detail()).contains("password must be");

        ApiClient.Response done = reset(token, "a-brand-New-42");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(api.postJson("/login", Map.of("username", name, "password", passwordOf(name))).status()).isEqualTo(401);
        assertThat(api.postJson("/login", Map.of("username", name, "password", "a-brand-New-42")).status()).isEqualTo(200);

        // Used once: the second time is refused.
        ApiClient.Response again = reset(token, "another-New-43");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asString()).isEqualTo("invalid_reset_token");
        assertThat(api.postJson("/login", Map.of("username", name, "password", "another-New-43")).status()).isEqualTo(401);

        // The reset is in the system log.
        ApiClient.Response log = admin().get("/admin/logs?action=reset_password");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).contains(name);
    }

    @Test
    void anExpiredOrUnknownTokenIsRefused() {
        String name = unique("late");
        newUser(name);
        String token = MailLinks.resetToken(requestLink(name + "@example.com"));
        // 30 minutes later, as far as the database says.
        jdbc.sql("UPDATE password_reset_tokens SET expires_at = ? WHERE token_hash = ?")
                .params(System.currentTimeMillis() - 1, RefreshTokens.hash(token)).update();

        ApiClient.Response expired = reset(token, "a-brand-New-42");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("code").asString()).isEqualTo("invalid_reset_token");
        assertThat(api.postJson("/login", Map.of("username", name, "password", passwordOf(name))).status()).isEqualTo(200);

        for (String unknown : new String[] {"prt_" + "A".repeat(43), "not-a-token", ""}) {
            ApiClient.Response refused = reset(unknown, "a-brand-New-42");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("invalid_reset_token");
        }
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
        String name = unique("known");
        newUser(name);

        ApiClient.Response unknown = forgot(unique("nobody") + "@example.com");
        ApiClient.Response known = forgot(name + "@example.com");

        assertThat(unknown.status()).isEqualTo(202);
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        // The only mail is the known account's (the unknown address was answered first and sent nothing).
        assertThat(SMTP.waitForIncomingEmail(15_000, 1)).isTrue();
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(name + "@example.com");
        // A user name is not an e-mail address: refused as such, not looked up.
        assertThat(forgot(name).status()).isEqualTo(400);
    }

    @Test
    void aResetEndsEverySessionOfTheAccount() {
        String name = unique("stolen");
        ApiClient signedIn = newUser(name);
        ApiClient.Response login = api.postJson("/login", Map.of("username", name, "password", passwordOf(name)));
        String refreshToken = login.json().get("refresh_token").asString();
        assertThat(signedIn.get("/users/me").status()).isEqualTo(200);

        String token = MailLinks.resetToken(requestLink(name + "@example.com"));
        String older = MailLinks.resetToken(requestLinkAgain(name + "@example.com"));
        assertThat(reset(token, "a-brand-New-42").status()).isEqualTo(200);

        assertThat(signedIn.get("/users/me").status()).isEqualTo(401);
        assertThat(api.postJson("/refresh", Map.of("refresh_token", refreshToken)).status()).isEqualTo(401);
        // Another link sent before the reset no longer works either.
        assertThat(reset(older, "another-New-43").json().get("code").asString()).isEqualTo("invalid_reset_token");
    }

    /** A second link for the same account: the second mail to arrive. */
    private MimeMessage requestLinkAgain(String email) {
        assertThat(forgot(email).status()).isEqualTo(202);
        assertThat(SMTP.waitForIncomingEmail(15_000, 2)).isTrue();
        return SMTP.getReceivedMessages()[1];
    }

    private HttpResponse<String> forgotFrom(String from, String email) throws Exception {
        HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/forgot-password"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsAreLimitedPerAddress() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(forgotFrom("127.0.0.3", unique("many") + "@example.com").statusCode()).isEqualTo(202);
        }
        HttpResponse<String> refused = forgotFrom("127.0.0.3", unique("many") + "@example.com");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"").contains("too many password reset requests from this address");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        // Another address asks as usual.
        assertThat(forgotFrom("127.0.0.5", unique("other") + "@example.com").statusCode()).isEqualTo(202);
    }

    @Test
    void requestsAreLimitedPerAccountFromAnyAddress() throws Exception {
        String name = unique("flooded");
        newUser(name);
        String email = name + "@example.com";
        assertThat(forgotFrom("127.0.0.6", email).statusCode()).isEqualTo(202);
        assertThat(forgotFrom("127.0.0.7", email).statusCode()).isEqualTo(202);
        assertThat(forgotFrom("127.0.0.8", email.toUpperCase()).statusCode()).isEqualTo(202);
        HttpResponse<String> refused = forgotFrom("127.0.0.9", email);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"").contains("for this e-mail address");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(SMTP.waitForIncomingEmail(15_000, 3)).isTrue();
        assertThat(SMTP.getReceivedMessages()).hasSize(3);
        // An address that has no account is limited the same way: the refusal does not tell which is which.
        String nobody = unique("nobody") + "@example.com";
        for (int i = 0; i < 3; i++) {
            assertThat(forgotFrom("127.0.0.10", nobody).statusCode()).isEqualTo(202);
        }
        assertThat(forgotFrom("127.0.0.11", nobody).statusCode()).isEqualTo(429);
    }

    @Test
    void theSignInPageIsToldResetByMailIsOn() {
        ApiClient.Response options = api.get("/auth/options");
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.json().get("password_reset_by_mail").asBoolean()).isTrue();
        assertThat(options.json().get("registration_open").asBoolean()).isTrue();
    }
}
