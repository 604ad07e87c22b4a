package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The sandboxes pages on a real sandbox: one is created from the dialog and started, runs a command
 * typed in its command box, takes keys in its terminal, shows and takes files, previews a server it runs, stops (its command box then disabled, saying why) and starts again, is
 * snapshotted, and is deleted; a volume is made beside it.
 */
class SandboxesBrowserTests extends BrowserTest {

    @Test
    void aSandboxIsCreatedRunsACommandStopsStartsIsSnapshottedAndDeleted() throws IOException {
        String user = signedInUser("sbx-web-life");
        String box = unique("box");
        ApiClient owner = api.withToken(login(user, "password-" + user + "-1"));

        browser.open("/app/editor");
        browser.click(By.linkText("Sandboxes"));
        browser.urlContains("/app/sandboxes");
        browser.click(By.cssSelector("[data-testid=sandbox-create]"));
        browser.type(By.id("sandbox_name"), box);
        browser.type(By.id("sandbox_labels"), "team=web");
        browser.click(By.id("sandbox-create-submit"));
        By row = By.cssSelector("[data-testid=sandbox-row-" + box + "]");
        browser.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=sandbox-row-" + box + "] [data-testid=state-tag]"),
                "data-state", "started"));
        assertThat(browser.driver.findElement(row).getText()).contains("python").contains("team=web").contains("15 min");
        browser.screenshot("sandboxes-list");

        browser.click(By.linkText(box));
        browser.urlContains("/app/sandboxes/");
        // Its overview edits its lifecycle and labels in place.
        browser.type(By.id("lifecycle_auto_stop_minutes"), "30");
        browser.click(By.cssSelector("[data-testid=sandbox-lifecycle-save]"));
        browser.visible(Browser.text("Lifecycle saved"));
        browser.type(By.id("sandbox-labels-edit"), "team=web\nstage=test");
        browser.click(By.cssSelector("[data-testid=sandbox-labels-save]"));
        browser.visible(Browser.text("Labels saved"));
        JsonNode saved = owner.get("/sandboxes/" + idIn(owner, box)).json();
        assertThat(saved.get("auto_stop_minutes").asInt()).isEqualTo(30);
        assertThat(saved.get("labels").get("stage").asString()).isEqualTo("test");
        browser.textContains(By.cssSelector("[data-testid=sandbox-transitions]"), "started");
        browser.click(tab("Command"));
        browser.type(By.id("sandbox-command"), "echo hi");
        browser.click(By.id("sandbox-run"));
        assertThat(browser.textContains(By.cssSelector("[data-testid=sandbox-stdout]"), "hi").strip()).isEqualTo("hi");
        browser.textContains(By.cssSelector("[data-testid=sandbox-exit-code]"), "Exit code 0");
        browser.screenshot("sandbox-command");

        // Its terminal: the sandbox's own shell over WS /sandboxes/{id}/pty, signed in by the page's cookie.
        browser.click(tab("Terminal"));
        browser.textContains(By.cssSelector("[data-testid=terminal-state]"), "Connected");
        browser.visible(By.cssSelector("[data-testid=terminal-screen] .xterm-rows"));
        WebElement keys = browser.driver.findElement(By.cssSelector("[data-testid=terminal-screen] .xterm-helper-textarea"));
        keys.sendKeys("echo $((6*7)) | tee answer.txt");
        keys.sendKeys(Keys.ENTER);
        // The typed line holds no 42: only the shell's answer can put it on the screen.
        browser.textContains(By.cssSelector("[data-testid=terminal-screen] .xterm-rows"), "42");

        // Its files: what the terminal wrote is listed; a folder made and a file uploaded here land in the sandbox.
        browser.click(tab("Files"));
        browser.visible(By.xpath("//*[@data-testid='sandbox-files']//td[contains(., 'answer.txt')]"));
        browser.type(By.id("sandbox-new-folder"), "made-here");
        browser.click(Browser.button("New folder"));
        browser.visible(By.xpath("//*[@data-testid='sandbox-files']//a[contains(., 'made-here')]"));
        Path upload = Files.createTempFile("sbx-web-", ".txt");
        Files.writeString(upload, "uploaded from the page");
        browser.driver.findElement(By.cssSelector("[data-testid=sandbox-files] input[type=file]")).sendKeys(upload.toString());
        browser.visible(By.xpath("//*[@data-testid='sandbox-files']//td[contains(., '" + upload.getFileName() + "')]"));
        browser.click(tab("Command"));
        browser.type(By.id("sandbox-command"), "cat answer.txt " + upload.getFileName() + "; test -d made-here && echo folder");
        browser.click(By.id("sandbox-run"));
        assertThat(browser.textContains(By.cssSelector("[data-testid=sandbox-stdout]"), "folder"))
                .contains("42").contains("uploaded from the page");

        // A preview link: a server started in the sandbox is reached through the link with its token.
        browser.type(By.id("sandbox-command"), "(python3 -m http.server 3000 >/dev/null 2>&1 &)");
        browser.click(By.id("sandbox-run"));
        browser.textContains(By.cssSelector("[data-testid=sandbox-exit-code]"), "Exit code 0");
        browser.click(tab("Preview"));
        browser.type(By.id("sandbox-preview-port"), "3000");
        browser.click(By.id("sandbox-preview-get"));
        String open = browser.visible(By.cssSelector("[data-testid=sandbox-preview-open]")).getAttribute("href");
        assertThat(open).contains("/3000/").contains("token=");
        String detail = browser.driver.getCurrentUrl();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            browser.driver.get(open);
            assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("answer.txt");
        });
        browser.driver.get(detail);
        browser.click(tab("Command"));

        browser.click(By.cssSelector("[data-testid=sandbox-stop]"));
        browser.until(ExpectedConditions.attributeToBe(stateTag(), "data-state", "stopped"));
        browser.visible(By.cssSelector("[data-testid=sandbox-not-started]"));
        assertThat(browser.driver.findElement(By.id("sandbox-command")).isEnabled()).as("the command box of a stopped sandbox").isFalse();
        assertThat(owner.get("/sandboxes/" + idIn(owner, box)).json().get("state").asString()).isEqualTo("stopped");

        browser.click(By.cssSelector("[data-testid=sandbox-start]"));
        browser.until(ExpectedConditions.attributeToBe(stateTag(), "data-state", "started"));
        browser.until(ExpectedConditions.elementToBeClickable(By.id("sandbox-command")));

        String snapshot = unique("snap");
        browser.click(By.cssSelector("[data-testid=sandbox-take-snapshot]"));
        browser.type(By.id("sandbox-snapshot-name"), snapshot);
        browser.click(By.id("sandbox-snapshot-submit"));
        browser.visible(Browser.text("Snapshot " + snapshot + " taken"));
        browser.click(By.linkText("All sandboxes"));
        browser.click(By.cssSelector("[data-testid=sandboxes-nav-snapshots]"));
        browser.urlContains("/app/snapshots");
        browser.textContains(By.cssSelector("[data-testid=snapshot-row-" + snapshot + "]"), "python");

        String volume = unique("vol");
        browser.click(By.cssSelector("[data-testid=sandboxes-nav-volumes]"));
        browser.type(By.id("volume-name"), volume);
        browser.type(By.id("volume-size"), "32");
        browser.click(By.id("volume-create"));
        browser.textContains(By.cssSelector("[data-testid=volume-row-" + volume + "]"), "32");
        assertThat(owner.get("/volumes").json().valueStream().map(v -> v.get("name").asString())).contains(volume);

        browser.click(By.cssSelector("[data-testid=sandboxes-nav-sandboxes]"));
        browser.click(By.cssSelector("[data-testid=sandbox-row-" + box + "] [data-testid=sandbox-delete]"));
        browser.click(By.id("sandbox-delete-confirm"));
        browser.until(ExpectedConditions.invisibilityOfElementLocated(row));
        assertThat(owner.get("/sandboxes").json().get("total").asInt()).isZero();
    }

    @Test
    void aSnapshotIsBuiltWithItsLogFollowedAndItsDeletionRefusedWhileASandboxLiesOverIt() {
        String user = signedInUser("sbx-web-build");
        ApiClient owner = api.withToken(login(user, "password-" + user + "-1"));
        String snapshot = unique("built");
        browser.open("/app/snapshots");
        browser.click(By.cssSelector("[data-testid=snapshot-build]"));
        browser.type(By.id("snapshot_name"), snapshot);
        browser.type(By.id("snapshot_commands"), "echo built-$((2*3))\necho kept > made.txt");
        browser.click(By.id("snapshot-build-submit"));
        // The log is followed as the build writes it, and says when it has ended.
        By log = By.cssSelector("[data-testid=snapshot-build-log]");
        browser.textContains(log, "built-6");
        browser.until(ExpectedConditions.attributeToBe(log, "data-ended", "true"));
        browser.click(Browser.button("Close"));
        browser.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=snapshot-row-" + snapshot + "] [data-testid=state-tag]"),
                "data-state", "active"));

        // The create dialog offers the snapshot; the sandbox made from it has its files.
        String box = unique("over");
        browser.click(By.cssSelector("[data-testid=sandboxes-nav-sandboxes]"));
        browser.click(By.cssSelector("[data-testid=sandbox-create]"));
        browser.type(By.id("sandbox_name"), box);
        browser.click(By.xpath("//input[@id='sandbox_snapshot']/ancestor::div[contains(@class,'ant-select-selector')]"));
        browser.click(By.cssSelector(".ant-select-item-option[title='" + snapshot + " (python)']"));
        browser.click(By.id("sandbox-create-submit"));
        browser.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=sandbox-row-" + box + "] [data-testid=state-tag]"),
                "data-state", "started"));
        String id = idIn(owner, box);
        assertThat(owner.postJson("/sandboxes/" + id + "/process/execute", java.util.Map.of("command", "cat made.txt")).json()
                .get("stdout").asString().strip()).isEqualTo("kept");

        // Deleting the snapshot is refused while the sandbox lies over it, and the page says why.
        browser.click(By.cssSelector("[data-testid=sandboxes-nav-snapshots]"));
        browser.click(By.cssSelector("[data-testid=snapshot-row-" + snapshot + "] [data-testid=snapshot-delete]"));
        browser.click(By.cssSelector(".ant-popconfirm .ant-btn-primary"));
        browser.textContains(By.cssSelector("[data-testid=problem]"), "lie over this snapshot");
        assertThat(owner.get("/snapshots").json().valueStream().map(s -> s.get("name").asString())).contains(snapshot);
        assertThat(owner.delete("/sandboxes/" + id).status()).isEqualTo(204);
    }

    @Test
    void aRefusalOfTheTierIsShownInTheDialogInTheUsersWords() {
        String user = signedInUser("sbx-web-limit");
        ApiClient owner = api.withToken(login(user, "password-" + user + "-1"));
        browser.open("/app/sandboxes");
        browser.click(By.cssSelector("[data-testid=sandbox-create]"));
        // More memory than any tier gives: the server's 403 names the limit, the dialog says it and stays open.
        browser.type(By.id("sandbox_memory_mb"), "9999999");
        browser.click(By.id("sandbox-create-submit"));
        String said = browser.textContains(By.cssSelector(".ant-modal [data-testid=problem]"), "MB of memory per sandbox");
        assertThat(said).contains("tier allows at most");
        assertThat(owner.get("/sandboxes").json().get("total").asInt()).isZero();
    }

    private static By stateTag() {
        return By.cssSelector(".ant-card-head [data-testid=state-tag]");
    }

    private static By tab(String name) {
        return By.xpath("//div[@role='tab'][normalize-space(.)='" + name + "']");
    }

    private static String idIn(ApiClient owner, String name) {
        for (JsonNode sandbox : owner.get("/sandboxes").json().get("items")) {
            if (sandbox.get("name").asString().equals(name)) {
                return sandbox.get("id").asString();
            }
        }
        throw new AssertionError("no sandbox named " + name);
    }
}
