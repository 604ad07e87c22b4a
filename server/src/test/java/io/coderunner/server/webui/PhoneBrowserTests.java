package io.coderunner.server.webui;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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

    /** The typed lines hold no answer ($((…)) is not yet worked out), so only the shell can put it there. */
    private void awaitOccurrences(String text, int times) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(driver -> {
            String screen = driver.findElement(ROWS).getText();
            return screen.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times;
        });
    }
}
