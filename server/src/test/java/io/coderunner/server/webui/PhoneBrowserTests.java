package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The UI on a phone-sized screen, where there is no hardware keyboard and little width. */
class PhoneBrowserTests extends BrowserTest {

    private static final By ROWS = By.cssSelector("[data-testid=terminal-screen] .xterm-rows");

    @Test
    void theTerminalsKeyBarGivesArrowsAndCtrl() {
        signedInUser("phone");
        browser.phoneSize();
        browser.open("/app/terminals");
        browser.type(By.id("terminal-title"), unique("pocket"));
        browser.click(By.id("terminal-create"));
        browser.textContains(By.cssSelector("[data-testid=terminal-state]"), "Connected");
        browser.visible(ROWS);
        WebElement keys = browser.driver.findElement(By.cssSelector("[data-testid=terminal-screen] .xterm-helper-textarea"));

        keys.sendKeys("echo marker-$((6*7))");
        keys.sendKeys(Keys.ENTER);
        awaitOccurrences("marker-42", 1);

        // ↑ brings the last command back: Enter runs it again and the answer is on the screen twice.
        browser.click(By.cssSelector("[data-testid=terminal-key-up]"));
        keys.sendKeys(Keys.ENTER);
        awaitOccurrences("marker-42", 2);

        // Ctrl, then c: ^C ends a long sleep, and the shell answers again at once.
        keys.sendKeys("sleep 600");
        keys.sendKeys(Keys.ENTER);
        browser.click(By.cssSelector("[data-testid=terminal-key-ctrl]"));
        keys.sendKeys("c");
        keys.sendKeys("echo after-$((2+3))");
        keys.sendKeys(Keys.ENTER);
        awaitOccurrences("after-5", 1);
        browser.screenshot("phone-terminal-keys");
    }

    @Test
    void aPhoneSizedLibraryShowsEachProgramsTitleAndActions() {
        String name = signedInUser("pocketlib");
        api.withToken(login(name, "password-" + name + "-1")).postJson("/code-library", Map.of(
                "title", "A fairly long title for a program", "description", "what it does", "code", "print(1)",
                "is_public", true, "tags", List.of("maths", "demo")));
        browser.phoneSize();
        browser.open("/app/library");
        WebElement title = browser.visible(By.linkText("A fairly long title for a program"));
        // Titles read as words, not a letter per line.
        assertThat(title.getRect().getWidth()).isGreaterThan(120);
        long viewport = (Long) ((JavascriptExecutor) browser.driver).executeScript("return document.documentElement.clientWidth");
        for (String action : List.of("library-open", "library-share", "library-delete")) {
            WebElement button = browser.visible(By.cssSelector("[data-testid=" + action + "]"));
            assertThat(button.getRect().getX() + button.getRect().getWidth()).as(action + " is on the screen")
                    .isLessThanOrEqualTo((int) viewport);
        }
        // What the hidden columns said is under the title.
        browser.textContains(By.cssSelector("[data-testid=library-table]"), "maths");
        browser.screenshot("phone-library");
    }

    /** The typed lines hold no answer ($((…)) is not yet worked out), so only the shell can put it there. */
    private void awaitOccurrences(String text, int times) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(driver -> {
            String screen = driver.findElement(ROWS).getText();
            return screen.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times;
        });
    }
}
