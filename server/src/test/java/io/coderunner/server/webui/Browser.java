package io.coderunner.server.webui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through its own chromedriver (both named explicitly, so
 * Selenium never looks for or downloads a driver). Waits are on conditions, long enough for a slow,
 * busy machine; screenshots go to target/e2e-screenshots, which the build keeps.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    final ChromeDriver driver;
    private final String base;

    Browser(int port) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install the chromium and chromium-driver packages (sudo scripts/setup.sh)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.base = "http://localhost:" + port;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String base() {
        return base;
    }

    /** Signs out everywhere: cookies and what the page remembers (language, theme, draft). */
    void forget() {
        open("/app/");
        driver.manage().deleteAllCookies();
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear();");
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Waits until the header says this user is signed in (the account button names them, on any screen). */
    void signedInAs(String username) {
        until(ExpectedConditions.attributeContains(By.cssSelector("[data-testid=user-menu]"), "aria-label", username));
    }

    WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return until(ExpectedConditions.elementToBeClickable(by));
    }

    void click(By by) {
        clickable(by).click();
    }

    void type(By by, String text) {
        WebElement field = visible(by);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    /** Waits until the element's text contains the given text, and returns the whole text. */
    String textContains(By by, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by).getText();
    }

    void urlContains(String part) {
        until(ExpectedConditions.urlContains(part));
    }

    /** A button (or link) by its visible text. */
    static By button(String text) {
        return By.xpath("//button[normalize-space(.)='" + text + "']");
    }

    static By text(String text) {
        return By.xpath("//*[normalize-space(text())='" + text + "']");
    }

    /**
     * Types a program into the CodeMirror editor line by line, as a person would. Escape after each
     * line closes a completion list that Enter would otherwise accept; brackets and quotes the editor
     * closes by itself are typed over.
     */
    void typeProgram(List<String> lines) {
        WebElement content = visible(By.cssSelector("[data-testid=code-editor] .cm-content"));
        content.click();
        content.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        for (int i = 0; i < lines.size(); i++) {
            content.sendKeys(lines.get(i));
            content.sendKeys(Keys.ESCAPE);
            if (i < lines.size() - 1) {
                content.sendKeys(Keys.ENTER);
                // Auto-indentation is removed: these programs say their own indentation.
                content.sendKeys(Keys.chord(Keys.SHIFT, Keys.HOME), Keys.DELETE);
            }
        }
    }

    /** Waits until no Ant Design animation (drawers, modals, menus) is under way, for a clean screenshot. */
    void settled() {
        until(d -> d.findElements(By.cssSelector("[class*='-motion-'][class*='-active']")).isEmpty());
    }

    void phoneSize() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    void desktopSize() {
        driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    /** Saves a screenshot as target/e2e-screenshots/{name}.png and returns where. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
