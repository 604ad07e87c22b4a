package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The editor keeps what was written in each language and starts each with a real program. */
class EditorBrowserTests extends BrowserTest {

    private static final By CODE = By.cssSelector("[data-testid=code-editor] .cm-content");

    private void chooseLanguage(String title) {
        browser.click(By.cssSelector("[data-testid=language-select]"));
        browser.driver.switchTo().activeElement().sendKeys(title);
        browser.click(By.xpath("//div[contains(@class,'ant-select-item-option') and starts-with(@title,'" + title + "')]"));
        browser.textContains(By.cssSelector("[data-testid=language-select]"), title);
    }

    @Test
    void switchingLanguagesKeepsEachLanguagesDraft() {
        browser.open("/app/editor");
        // A language's starting program is a real one: a function, a loop, output.
        browser.textContains(CODE, "def fibonacci(count):");
        browser.typeProgram(List.of("print('python draft')"));

        chooseLanguage("Bash");
        browser.textContains(CODE, "fibonacci()");
        assertThat(browser.driver.findElement(CODE).getText()).doesNotContain("python draft");
        browser.typeProgram(List.of("echo bash draft"));

        chooseLanguage("Python");
        assertThat(browser.textContains(CODE, "python draft")).doesNotContain("bash draft");
        chooseLanguage("Bash");
        browser.textContains(CODE, "echo bash draft");

        // A new visit opens the last language with its draft, and runs it.
        browser.open("/app/editor");
        browser.textContains(By.cssSelector("[data-testid=language-select]"), "Bash");
        browser.textContains(CODE, "echo bash draft");
        browser.click(By.id("run-button"));
        browser.textContains(By.cssSelector("[data-testid=run-output]"), "bash draft");
    }

    @Test
    void aCompileErrorIsMarkedOnItsLine() {
        browser.open("/app/editor");
        chooseLanguage("Python");
        browser.typeProgram(List.of("total = 1", "print(totl)"));
        browser.click(By.id("run-button"));
        browser.textContains(By.cssSelector("[data-testid=result-status]"), "RUNTIME_ERROR");
        // The second line is underlined, with the interpreter's words on it.
        WebElement marked = browser.visible(By.cssSelector("[data-testid=code-editor] .cm-lintRange-error"));
        assertThat(marked.getText()).contains("print(totl)");
        browser.visible(By.cssSelector("[data-testid=code-editor] .cm-lint-marker-error"));
        browser.screenshot("editor-error-marked");
    }
}
