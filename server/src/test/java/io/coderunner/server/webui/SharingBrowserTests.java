package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** Links that work for a person without an account: a shared program, a shared terminal, the Explore page. */
class SharingBrowserTests extends BrowserTest {

    @Test
    void aSharedProgramOpensReadOnlyForAVisitorWhoRunsItAndIsAskedToSignInToSaveIt() {
        String name = signedInUser("sharer");
        ApiClient owner = api.withToken(login(name, "password-" + name + "-1"));
        JsonNode entry = owner.postJson("/code-library", Map.of("title", "Shared squares", "description", "prints squares",
                "code", "for i in range(1, 4):\n    print(i * i * 7)\n", "is_public", true, "tags", List.of("maths"))).json();
        long id = entry.get("id").asLong();

        // The owner's Share gives the link a person can open, not an id to call an API with.
        browser.open("/app/library");
        browser.click(Browser.button("Share"));
        String told = browser.textContains(By.cssSelector(".ant-message"), "/app/code/" + id);
        assertThat(told).contains("http://");

        // Another person, in a fresh browser with no account.
        browser.forget();
        browser.open("/app/code/" + id);
        browser.textContains(By.cssSelector("h1.page-title"), "Shared squares");
        browser.textContains(By.cssSelector("[data-testid=shared-program]"), "prints squares");
        WebElement content = browser.visible(By.cssSelector("[data-testid=code-editor] .cm-content"));
        browser.textContains(By.cssSelector("[data-testid=code-editor] .cm-content"), "print(i * i * 7)");
        // Read-only: what a visitor types does not change the shared program.
        content.click();
        content.sendKeys("typed over");
        assertThat(content.getText()).doesNotContain("typed over");
        browser.click(By.id("run-button"));
        browser.textContains(By.cssSelector("[data-testid=result-status]"), "OK");
        // 7, 28, 63 are only in what the program printed, not in its code.
        String output = browser.textContains(By.cssSelector("[data-testid=run-output]"), "63");
        assertThat(output).contains("7").contains("28");

        browser.click(By.id("save-copy-button"));
        browser.urlContains("/app/login?next=");
        String visitor = unique("copier");
        newUser(visitor);
        browser.type(By.id("login-username"), visitor);
        browser.type(By.id("login-password"), "password-" + visitor + "-1");
        browser.click(By.id("login-submit"));
        // Back on the program after signing in, and now the copy is saved into the visitor's library.
        browser.urlContains("/app/code/" + id);
        browser.click(By.id("save-copy-button"));
        browser.urlContains("/app/editor?code=");
        JsonNode copies = api.withToken(login(visitor, "password-" + visitor + "-1")).get("/code-library").json();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).get("code").asString()).isEqualTo(entry.get("code").asString());
        assertThat(copies.get(0).get("is_public").asBoolean()).isFalse();
        browser.screenshot("shared-program");
    }

    @Test
    void aSharedTerminalLinkShowsItsScreenAndFilesToAVisitor() {
        signedInUser("termshare");
        browser.open("/app/terminals");
        browser.type(By.id("terminal-title"), unique("shared-shell"));
        browser.click(By.id("terminal-create"));
        browser.textContains(By.cssSelector("[data-testid=terminal-state]"), "Connected");
        WebElement keys = browser.driver.findElement(By.cssSelector("[data-testid=terminal-screen] .xterm-helper-textarea"));
        keys.sendKeys("echo shared-$((6*7)) > answer.txt; cat answer.txt");
        keys.sendKeys(Keys.ENTER);
        browser.textContains(By.cssSelector("[data-testid=terminal-screen] .xterm-rows"), "shared-42");
        browser.click(Browser.button("Share link"));
        String link = browser.visible(By.cssSelector("[data-testid=terminal-share-url]")).getText().strip();
        assertThat(link).contains("/app/shared/terminal/");

        browser.forget();
        browser.driver.get(link);
        // The screen is played back from the session's log: only the shell's answer has "shared-42".
        browser.textContains(By.cssSelector("[data-testid=replay-screen] .xterm-rows"), "shared-42");
        browser.textContains(By.cssSelector("[data-testid=shared-files]"), "answer.txt");
        browser.screenshot("shared-terminal");

        // The API's address of the share, opened in a browser, shows the same page.
        String token = link.substring(link.lastIndexOf('/') + 1);
        browser.open("/ccresearch/share/" + token);
        browser.urlContains("/app/shared/terminal/" + token);
        browser.textContains(By.cssSelector("[data-testid=replay-screen] .xterm-rows"), "shared-42");
    }

    @Test
    void exploreListsPublicProgramsAndPostsForAVisitorAndTheSettingsMenuFitsALaptop() {
        String name = unique("explorer");
        ApiClient author = newUser(name);
        author.postJson("/code-library", Map.of("title", "Explorable " + name, "code", "print('seen')\nprint(2)",
                "is_public", true));
        author.postJson("/code-library", Map.of("title", "Hidden " + name, "code", "print('no')"));
        author.postJson("/community/posts", Map.of("title", "Post by " + name, "content", "Some **bold** news"));

        browser.open("/app/explore");
        browser.type(By.id("explore-search"), name + Keys.ENTER);
        String programs = browser.textContains(By.cssSelector("[data-testid=program-card]"), "Explorable " + name);
        assertThat(programs).contains("print('seen')").contains(name).doesNotContain("Hidden");
        browser.click(By.xpath("//div[@role='tab'][normalize-space(.)='Posts']"));
        browser.textContains(By.cssSelector("[data-testid=post-card]"), "Post by " + name);
        // Post lists show the Markdown rendered, not its source.
        WebElement bold = browser.visible(By.cssSelector("[data-testid=post-excerpt] strong"));
        assertThat(bold.getText()).isEqualTo("bold");
        browser.click(By.linkText("Post by " + name));
        browser.visible(By.cssSelector("[data-testid=sign-in-to-comment]"));
        assertThat(browser.driver.findElements(By.id("comment-input"))).isEmpty();

        // Signed in at a common laptop width, every daily page is in the bar and the settings in the account menu.
        signedInUser("laptop");
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
        browser.open("/app/editor");
        browser.visible(By.linkText("Terminals"));
        assertThat(browser.driver.findElements(By.cssSelector(".ant-menu-overflow-item-rest:not(.ant-menu-overflow-item-rest[aria-hidden=true])"))
                .stream().filter(WebElement::isDisplayed).toList()).as("no item is folded into an overflow menu").isEmpty();
        browser.click(By.cssSelector("[data-testid=user-menu]"));
        browser.click(Browser.text("AI assistants"));
        browser.urlContains("/app/ai-configs");
    }
}
