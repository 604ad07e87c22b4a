package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI in a real browser against the real server, which serves the UI built by the web
 * module: what a person does, click by click. Each test leaves a screenshot in target/e2e-screenshots.
 */
class WebUiBrowserTests extends BrowserTest {

    @Test
    void registerSignOutAndSignInAgain() {
        String name = unique("reg");
        browser.open("/app/register");
        browser.type(By.id("register-username"), name);
        browser.type(By.id("register-email"), name + "@example.com");
        browser.type(By.id("register-password"), "password-" + name + "-1");
        browser.type(By.id("register-confirm"), "password-" + name + "-1");
        browser.screenshot("register");
        browser.click(By.id("register-submit"));

        // Registered and signed in: the editor, with the user's name in the menu.
        browser.urlContains("/app/editor");
        browser.signedInAs(name);
        assertThat(browser.driver.manage().getCookieNamed("coderunner_access").isHttpOnly()).isTrue();
        assertThat((Object) browser.driver.executeScript("return document.cookie")).asString()
                .doesNotContain("coderunner_access").doesNotContain("coderunner_refresh");
        assertThat((Object) browser.driver.executeScript("return JSON.stringify(window.localStorage)")).asString()
                .doesNotContain("eyJ");

        browser.click(By.cssSelector("[data-testid=user-menu]"));
        browser.click(Browser.text("Sign out"));
        browser.visible(By.xpath("//button[normalize-space(.)='Sign in']"));
        assertThat(browser.driver.manage().getCookieNamed("coderunner_access")).isNull();

        // A private page sends the visitor to sign in, and back to it afterwards.
        browser.open("/app/library");
        browser.urlContains("/app/login?next=%2Flibrary");
        browser.type(By.id("login-username"), name);
        browser.type(By.id("login-password"), "password-" + name + "-1");
        browser.click(By.id("login-submit"));
        browser.urlContains("/app/library");
        browser.visible(By.id("library-search"));
        browser.screenshot("sign-in-back-to-library");
    }

    @Test
    void wrongPasswordIsSaidOnTheLoginPage() {
        String name = unique("wrong");
        newUser(name);
        browser.open("/app/login");
        browser.type(By.id("login-username"), name);
        browser.type(By.id("login-password"), "not-the-password");
        browser.click(By.id("login-submit"));
        assertThat(browser.visible(By.cssSelector("[data-testid=login-error]")).getText()).isNotBlank();
        browser.screenshot("login-error");
    }

    @Test
    void runPythonSeeOutputStreamTypeIntoInputAndSeeTheResult() {
        String name = signedInUser("run");
        browser.open("/app/editor");
        browser.visible(By.cssSelector("[data-testid=language-select]"));
        browser.typeProgram(List.of(
                "name = input('Name? ')",
                "print('Hello, ' + name + '!')",
                "print(sum(range(10)))"));
        browser.click(By.id("run-button"));

        // The prompt arrives while the program waits for its input: output streams as it is written.
        By output = By.cssSelector("[data-testid=run-output]");
        browser.textContains(output, "Name? ");
        browser.visible(By.id("live-input"));
        assertThat(browser.driver.findElements(By.cssSelector("[data-testid=result-status]"))).isEmpty();

        browser.type(By.id("live-input"), "Ada");
        browser.driver.findElement(By.id("live-input")).sendKeys(Keys.ENTER);
        browser.textContains(output, "Hello, Ada!");
        browser.textContains(output, "45");
        assertThat(browser.textContains(By.cssSelector("[data-testid=result-status]"), "OK")).isEqualTo("OK");
        browser.screenshot("editor-run");

        // The run is the user's: it is in their history, and the history page shows it.
        JsonNode runs = api.withToken(login(name, "password-" + name + "-1")).get("/executions").json();
        assertThat(runs.get(0).get("stdout").asString()).contains("Hello, Ada!");
        browser.open("/app/history");
        browser.textContains(By.cssSelector(".ant-table"), "python");
        browser.screenshot("history");
    }

    @Test
    void aLongRunInTheHistoryShowsItsWholeOutputWhenOpened() {
        String name = signedInUser("longrun");
        ApiClient user = api.withToken(login(name, "password-" + name + "-1"));
        // 5,000 characters, then the end: the list has only the first 2,048 of them.
        assertThat(user.postJson("/execute", java.util.Map.of("language", "bash",
                "code", "printf 'o%.0s' $(seq 5000); echo; echo THE-END")).status()).isEqualTo(200);
        assertThat(user.get("/executions").json().get(0).get("stdout").asString()).doesNotContain("THE-END");

        browser.open("/app/history");
        browser.textContains(By.cssSelector(".ant-table"), "bash");
        browser.click(By.cssSelector(".ant-table-row-expand-icon"));
        assertThat(browser.textContains(By.cssSelector(".ant-table-expanded-row"), "THE-END")).contains("o".repeat(5000));
    }

    @Test
    void stopARunningProgram() {
        signedInUser("stop");
        browser.open("/app/editor");
        browser.typeProgram(List.of(
                "import time",
                "print('looping', flush=True)",
                "while True: time.sleep(0.05)"));
        browser.driver.findElement(By.cssSelector("[data-testid=code-editor] .cm-content"))
                .sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.textContains(By.cssSelector("[data-testid=run-output]"), "looping");
        browser.click(By.id("stop-button"));
        assertThat(browser.textContains(By.cssSelector("[data-testid=result-status]"), "KILLED")).isEqualTo("KILLED");
        browser.screenshot("editor-stopped");
    }

    @Test
    void anHtmlProgramIsPreviewedWithItsScriptsRunningApartFromThePage() {
        String name = signedInUser("html");
        String program = String.join("\n",
                "<h1 id=\"greeting\">Previewed</h1>",
                "<p id=\"reach\"></p>",
                "<script>",
                "  document.getElementById('greeting').textContent += ' by its script';",
                "  const reached = [];",
                "  try { reached.push('page: ' + parent.document.title); } catch (e) { reached.push('no page'); }",
                "  try { reached.push('cookies: ' + document.cookie); } catch (e) { reached.push('no cookies'); }",
                "  try { reached.push('storage: ' + localStorage.length); } catch (e) { reached.push('no storage'); }",
                "  document.getElementById('reach').textContent = reached.join(', ');",
                "</script>");
        long id = api.withToken(login(name, "password-" + name + "-1")).postJson("/code-library",
                java.util.Map.of("title", "Preview", "language", "html", "code", program)).json().get("id").asLong();
        browser.open("/app/editor?code=" + id);
        browser.textContains(By.cssSelector("[data-testid=language-select]"), "HTML");
        browser.click(By.id("run-button"));
        browser.visible(By.cssSelector("iframe[title=preview]"));
        WebElement frame = browser.driver.findElement(By.cssSelector("iframe[title=preview]"));
        assertThat(frame.getAttribute("sandbox")).contains("allow-scripts").doesNotContain("allow-same-origin");
        browser.driver.switchTo().frame(frame);
        // The program's script ran, and reached neither the editor's page, nor its cookies, nor its storage.
        assertThat(browser.textContains(By.id("greeting"), "by its script")).isEqualTo("Previewed by its script");
        assertThat(browser.textContains(By.id("reach"), "no page")).isEqualTo("no page, no cookies, no storage");
        browser.driver.switchTo().defaultContent();
        browser.screenshot("editor-html-preview");

        // Another site cannot have this one show its page.
        ApiClient.Response foreign = api.send(api.request("/preview").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site").POST(java.net.http.HttpRequest.BodyPublishers.ofString("html=x")));
        assertThat(foreign.status()).isEqualTo(403);
    }

    @Test
    void saveToTheLibraryAndFindItBySearch() {
        signedInUser("lib");
        String title = unique("Reverser ");
        browser.open("/app/editor");
        browser.typeProgram(List.of("print(input()[::-1])"));
        browser.click(By.id("save-button"));
        browser.type(By.id("save-title"), title);
        browser.type(By.id("save-description"), "reverses its input");
        browser.click(By.id("save-confirm"));
        browser.urlContains("/app/editor?code=");

        browser.open("/app/library");
        browser.type(By.id("library-search"), title.substring(title.indexOf(' ') + 1));
        browser.driver.findElement(By.id("library-search")).sendKeys(Keys.ENTER);
        browser.textContains(By.cssSelector("[data-testid=library-table]"), title);
        browser.screenshot("library-search");

        // Opening it brings the program back into the editor.
        browser.click(By.xpath("//a[normalize-space(.)='" + title + "']"));
        browser.textContains(By.cssSelector("[data-testid=code-editor]"), "print(input()[::-1])");
    }

    @Test
    void savingChangesKeepsTheTagsAndVisibilityAndShowsTheLanguage() {
        String owner = signedInUser("keeper");
        String title = unique("Counter ");
        browser.open("/app/editor");
        browser.typeProgram(List.of("print(len(input()))"));
        browser.click(By.id("save-button"));
        browser.textContains(By.id("save-language"), "Python");
        browser.type(By.id("save-title"), title);
        browser.type(By.id("save-tags"), "strings");
        browser.driver.findElement(By.id("save-tags")).sendKeys(Keys.ENTER);
        browser.click(By.id("save-public"));
        browser.click(By.id("save-confirm"));
        browser.urlContains("/app/editor?code=");
        String id = browser.driver.getCurrentUrl().replaceAll(".*code=(\\d+).*", "$1");

        // Open it again, change the code, save changes: the dialog starts from what the entry has.
        browser.open("/app/editor?code=" + id);
        browser.textContains(By.cssSelector("[data-testid=code-editor]"), "print(len(input()))");
        browser.typeProgram(List.of("# counts characters"));
        browser.click(By.id("save-button"));
        browser.textContains(By.cssSelector(".ant-modal-title"), "Save changes");
        assertThat(browser.visible(By.id("save-title")).getAttribute("value")).isEqualTo(title);
        assertThat(browser.visible(By.id("save-public")).getAttribute("aria-checked")).isEqualTo("true");
        browser.textContains(By.cssSelector(".ant-modal-body"), "strings");
        browser.click(By.id("save-confirm"));

        ApiClient client = api.withToken(login(owner, "password-" + owner + "-1"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                client.get("/code-library/" + id).json().get("code").asString().contains("# counts characters"));
        JsonNode saved = client.get("/code-library/" + id).json();
        assertThat(saved.get("tags").toString()).isEqualTo("[\"strings\"]");
        assertThat(saved.get("is_public").asBoolean()).isTrue();
        assertThat(saved.get("language").asString()).isEqualTo("python");
    }

    @Test
    void createAnApiKeyAndUseItWithCurl() throws Exception {
        signedInUser("key");
        browser.open("/app/api-keys");
        browser.click(By.id("create-key"));
        browser.type(By.id("key-name"), "ci");
        browser.click(By.id("create-key-confirm"));
        String key = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value"))).getAttribute("value");
        assertThat(key).startsWith("sk-");
        browser.textContains(By.cssSelector("[data-testid=api-keys-table]"), "ci");
        browser.screenshot("api-keys");

        Process curl = new ProcessBuilder("curl", "-s", "-S", "--max-time", "60", browser.base() + "/api/v1/execute",
                "-H", "Authorization: Bearer " + key, "-H", "Content-Type: application/json",
                "-d", "{\"language\":\"python\",\"code\":\"print(6 * 7)\"}").redirectErrorStream(true).start();
        assertThat(curl.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.exitValue()).as(answer).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(answer);
        assertThat(result.get("success").asBoolean()).as(answer).isTrue();
        assertThat(result.get("output").asString()).as(answer).isEqualTo("42\n");

        // The page counts the use.
        browser.driver.navigate().refresh();
        assertThat(browser.textContains(By.xpath("//tr[td[1][normalize-space(.)='ci']]/td[4]"), "1")).isEqualTo("1");
    }

    @Test
    void postInTheCommunityAndComment() {
        String name = signedInUser("post");
        String title = unique("Hello from ");
        browser.open("/app/community");
        browser.click(By.id("new-post"));
        browser.type(By.id("post-title"), title);
        browser.type(By.id("post-content"), "Some **bold** words and `code`.");
        browser.click(By.id("publish-post"));

        browser.textContains(By.cssSelector("[data-testid=post-title]"), title);
        assertThat(browser.visible(By.cssSelector("[data-testid=post-content] strong")).getText()).isEqualTo("bold");
        browser.type(By.id("comment-input"), "A *first* comment");
        browser.click(By.id("comment-input-submit"));
        browser.textContains(By.cssSelector("[data-testid=comment]"), "A first comment");
        assertThat(browser.driver.findElement(By.cssSelector("[data-testid=comment]")).getText()).contains(name);
        browser.screenshot("community-post");

        browser.open("/app/community");
        browser.textContains(By.cssSelector("[data-testid=post-card]"), title);
        browser.screenshot("community-feed");
    }

    @Test
    void anAdministratorChangesAUsersLevel() {
        String name = unique("lvl");
        ApiClient user = newUser(name);
        assertThat(user.get("/users/me").json().get("user_level").asInt()).isEqualTo(1);

        signIn("admin", ADMIN_PASSWORD);
        browser.open("/app/admin/users");
        browser.type(By.id("user-filter"), name);
        browser.click(By.cssSelector("[data-testid=edit-user-" + name + "]"));
        browser.click(By.xpath("//input[@id='user-level-select']/ancestor::div[contains(@class,'ant-select-selector')]"));
        browser.click(By.xpath("//div[contains(@class,'ant-select-item-option') and @title='3 · Premium']"));
        browser.click(By.id("user-save"));
        browser.textContains(By.cssSelector("[data-testid=user-level-" + name + "]"), "Premium");
        browser.screenshot("admin-users");

        assertThat(user.get("/users/me").json().get("user_level").asInt()).isEqualTo(3);
    }

    @Test
    void openATerminalSessionTypeACommandAndSeeItsOutput() {
        String name = signedInUser("term");
        browser.open("/app/terminals");
        String title = unique("shell");
        browser.type(By.id("terminal-title"), title);
        browser.click(By.id("terminal-create"));

        // The new session opens: xterm.js on the session's WebSocket, signed in by the page's cookie.
        browser.textContains(By.cssSelector("[data-testid=terminal-state]"), "Connected");
        browser.visible(By.cssSelector("[data-testid=terminal-screen] .xterm-rows"));
        WebElement keys = browser.driver.findElement(By.cssSelector("[data-testid=terminal-screen] .xterm-helper-textarea"));
        keys.sendKeys("echo $((6*7))");
        keys.sendKeys(Keys.ENTER);
        // The typed line holds no 42: only the shell's answer can put it on the screen.
        browser.textContains(By.cssSelector("[data-testid=terminal-screen] .xterm-rows"), "42");
        // The list follows the connection: the session it opened is active.
        browser.textContains(By.cssSelector(".ant-table"), "active");
        browser.screenshot("terminal");

        JsonNode sessions = api.withToken(login(name, "password-" + name + "-1")).get("/ccresearch/sessions").json();
        assertThat(sessions.get(0).get("title").asString()).isEqualTo(title);
        api.withToken(login(name, "password-" + name + "-1")).delete("/ccresearch/sessions/" + sessions.get(0).get("id").asString());
    }

    @Test
    void chineseOnAPhoneSizedScreen() {
        browser.phoneSize();
        browser.open("/app/");
        browser.click(By.cssSelector("[data-testid=language-switch]"));
        browser.click(Browser.text("简体中文"));
        browser.visible(By.xpath("//button[normalize-space(.)='打开编辑器']"));
        // Remembered: a new page load keeps the language.
        browser.open("/app/editor");
        browser.visible(By.xpath("//button[normalize-space(.)='运行']"));
        browser.screenshot("phone-zh-editor");
        browser.click(By.cssSelector("[data-testid=nav-toggle]"));
        browser.visible(By.xpath("//a[normalize-space(.)='编辑器']"));
        browser.settled();
        browser.screenshot("phone-zh-menu");
    }

    @Test
    void theRootSendsBrowsersToTheUi() {
        browser.open("/");
        browser.urlContains("/app/");
        browser.visible(By.cssSelector("[data-testid=home-languages] .ant-tag"));
        browser.screenshot("home");
        // Programs still get seed 004's answer at the same address.
        assertThat(api.get("/").json().get("status").asString()).isEqualTo("ok");
    }
}
