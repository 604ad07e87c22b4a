package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Writing a post with its Markdown previewed, then its author editing it; nobody else may. */
class PostEditingBrowserTests extends BrowserTest {

    private static final By TITLE = By.cssSelector("[data-testid=post-title]");
    private static final By CONTENT = By.cssSelector("[data-testid=post-content]");

    @Test
    void theAuthorPreviewsPublishesAndEditsAPostAndOthersSeeNoEditButton() {
        signedInUser("editor");
        String title = unique("Draft ");
        browser.open("/app/community");
        browser.click(By.id("new-post"));
        browser.type(By.id("post-title"), title);
        browser.type(By.id("post-content"), "Some **bold** words");
        browser.click(By.cssSelector("[data-testid=post-content-preview]"));
        // The server's rendering, not the source.
        assertThat(browser.visible(By.cssSelector("[data-testid=post-content-rendered] strong")).getText()).isEqualTo("bold");
        browser.screenshot("post-preview");
        browser.click(By.cssSelector("[data-testid=post-content-write]"));
        assertThat(browser.visible(By.id("post-content")).getAttribute("value")).isEqualTo("Some **bold** words");
        browser.click(By.id("publish-post"));

        browser.textContains(TITLE, title);
        assertThat(browser.visible(By.cssSelector("[data-testid=post-content] strong")).getText()).isEqualTo("bold");
        String postUrl = browser.driver.getCurrentUrl();

        browser.click(By.id("edit-post"));
        assertThat(browser.visible(By.id("post-title")).getAttribute("value")).isEqualTo(title);
        String newTitle = unique("Final ");
        browser.type(By.id("post-title"), newTitle);
        browser.type(By.id("post-content"), "Now *emphasis* and a list:\n\n- one\n- two");
        browser.click(By.cssSelector("[data-testid=post-content-preview]"));
        browser.visible(By.cssSelector("[data-testid=post-content-rendered] em"));
        browser.click(By.id("save-post"));

        browser.textContains(TITLE, newTitle);
        assertThat(browser.visible(By.cssSelector("[data-testid=post-content] em")).getText()).isEqualTo("emphasis");
        assertThat(browser.driver.findElements(By.cssSelector("[data-testid=post-content] li"))).hasSize(2);
        assertThat(browser.driver.findElement(CONTENT).getText()).doesNotContain("bold");
        browser.screenshot("post-edited");

        browser.forget();
        signedInUser("reader");
        browser.driver.get(postUrl);
        browser.textContains(TITLE, newTitle);
        browser.visible(By.cssSelector("[data-testid=post-content] em"));
        assertThat(browser.driver.findElements(By.id("edit-post"))).isEmpty();
    }
}
