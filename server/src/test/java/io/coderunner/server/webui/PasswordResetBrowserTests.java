package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.coderunner.server.ApiClient;
import io.coderunner.server.MailLinks;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A user who forgot their password gets back in through the mail, as they would: the mail read from a real SMTP server. */
class PasswordResetBrowserTests extends BrowserTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    @Test
    void forgotPasswordThroughTheMailAndSignInWithTheNewOne() {
        String name = unique("forgot");
        ApiClient elsewhere = newUser(name);
        assertThat(elsewhere.get("/users/me").status()).isEqualTo(200);

        // From the sign-in page to the form that asks for the link.
        browser.open("/app/login");
        browser.click(By.id("login-forgot"));
        browser.urlContains("/app/forgot-password");
        browser.textContains(By.tagName("h1"), "Reset your password");
        browser.type(By.id("forgot-email"), name + "@example.com");
        browser.click(By.id("forgot-submit"));
        browser.textContains(By.cssSelector("[data-testid=forgot-sent]"), "If an account exists for that e-mail address");
        browser.screenshot("forgot-password-sent");

        assertThat(SMTP.waitForIncomingEmail(30_000, 1)).as("the mail arrives").isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        String link = MailLinks.resetLink(mail);
        assertThat(link).startsWith(browser.base() + "/app/reset-password?token=");

        // The link opens the page that sets the new password; the two must match.
        browser.driver.get(link);
        browser.textContains(By.tagName("h1"), "Choose a new password");
        browser.type(By.id("reset-password"), "a-fresh-Secret-88");
        browser.type(By.id("reset-confirm"), "a-fresh-Secret-8");
        browser.click(By.id("reset-submit"));
        browser.textContains(By.tagName("body"), "The passwords differ");
        browser.type(By.id("reset-confirm"), "a-fresh-Secret-88");
        browser.click(By.id("reset-submit"));

        // Then sign in with it; the session that was open elsewhere has ended.
        browser.urlContains("/app/login?reset=1");
        browser.textContains(By.cssSelector("[data-testid=login-reset]"), "Your password is changed");
        assertThat(elsewhere.get("/users/me").status()).isEqualTo(401);
        signIn(name, "a-fresh-Secret-88");

        // The link worked once: opened again (signed out), it is refused in place, in the user's words.
        browser.forget();
        browser.driver.get(link);
        browser.type(By.id("reset-password"), "another-Secret-99");
        browser.type(By.id("reset-confirm"), "another-Secret-99");
        browser.click(By.id("reset-submit"));
        browser.textContains(By.cssSelector("[data-testid=problem]"), "This link is unknown, has expired or was already used");
        browser.visible(By.id("reset-ask-again"));
        browser.screenshot("reset-link-used");
        assertThat(api.postJson("/login", Map.of("username", name, "password", "a-fresh-Secret-88")).status()).isEqualTo(200);
    }
}
