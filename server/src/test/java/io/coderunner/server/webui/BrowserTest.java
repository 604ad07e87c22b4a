package io.coderunner.server.webui;

import io.coderunner.server.ServerTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;

/**
 * A browser test: one headless chromium per class against the real server, which serves the UI
 * built by the web module; each test starts signed out at desktop size. A failed test leaves its
 * page as a screenshot and its text.
 */
abstract class BrowserTest extends ServerTest {

    protected static Browser browser;
    private static int browserPort;

    /** A failed test leaves the page as it was, as a screenshot and its text, for whoever reads the report. */
    @RegisterExtension
    final TestWatcher failures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                String name = "FAILED-" + context.getRequiredTestMethod().getName();
                browser.screenshot(name);
                System.err.println(name + " at " + browser.driver.getCurrentUrl() + ":\n"
                        + browser.driver.findElement(By.tagName("body")).getText());
            }
        }
    };

    @BeforeEach
    void browser() {
        // One browser for the class; a new one if the class's tests were given another server.
        if (browser == null || browserPort != port) {
            if (browser != null) {
                browser.close();
            }
            browser = new Browser(port);
            browserPort = port;
        }
        browser.desktopSize();
        browser.forget();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    protected void signIn(String username, String password) {
        browser.open("/app/login");
        browser.type(By.id("login-username"), username);
        browser.type(By.id("login-password"), password);
        browser.click(By.id("login-submit"));
        browser.signedInAs(username);
    }

    /** A user registered over the API, signed in in the browser. */
    protected String signedInUser(String prefix) {
        String name = unique(prefix);
        newUser(name);
        signIn(name, "password-" + name + "-1");
        return name;
    }
}
