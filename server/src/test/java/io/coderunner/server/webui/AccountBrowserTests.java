package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** What a user does with their own account in the browser. */
class AccountBrowserTests extends BrowserTest {

    @Test
    void changeOnesOwnPasswordAndStaySignedIn() {
        String name = signedInUser("pw");
        String old = "password-" + name + "-1";
        browser.open("/app/profile");

        // A wrong current password is said in place, and the user stays signed in.
        browser.type(By.id("password-current"), "not-my-password-1");
        browser.type(By.id("password-new"), "a-new-Secret-77");
        browser.type(By.id("password-confirm"), "a-new-Secret-77");
        browser.click(By.id("password-submit"));
        browser.textContains(By.cssSelector("[data-testid=problem]"), "current password");
        assertThat(browser.driver.getCurrentUrl()).contains("/app/profile");

        browser.type(By.id("password-current"), old);
        browser.click(By.id("password-submit"));
        browser.textContains(By.tagName("body"), "Password changed");
        browser.screenshot("password-changed");

        // Still signed in here; the old password no longer signs in, the new one does.
        browser.open("/app/profile");
        browser.signedInAs(name);
        assertThat(api.postJson("/login", Map.of("username", name, "password", old)).status()).isEqualTo(401);
        assertThat(api.postJson("/login", Map.of("username", name, "password", "a-new-Secret-77")).status()).isEqualTo(200);
    }

    @Test
    void aCommentOnMyPostRingsTheBell() {
        String name = signedInUser("bell");
        io.coderunner.server.ApiClient me = api.withToken(login(name, "password-" + name + "-1"));
        long postId = me.postJson("/community/posts", Map.of("title", "Bells", "content", "ring")).json().get("id").asLong();
        String other = unique("ringer");
        newUser(other).postJson("/community/posts/" + postId + "/comments", Map.of("content", "ding"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> me.get("/notifications/unread-count").json().get("unread").asInt() == 1);

        browser.open("/app/editor");
        browser.textContains(By.cssSelector(".ant-badge"), "1");
        browser.click(By.cssSelector("[data-testid=notification-bell]"));
        browser.textContains(By.cssSelector("[data-testid=notification]"), other + " commented on your post “Bells”");
        browser.screenshot("notifications");
    }
}
