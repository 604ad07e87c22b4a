package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The sandboxes pages on a real sandbox: one is created from the dialog and started, runs a command
 * typed in its command box, stops (its command box then disabled, saying why) and starts again, is
 * snapshotted, and is deleted; a volume is made beside it.
 */
class SandboxesBrowserTests extends BrowserTest {

    @Test
    void aSandboxIsCreatedRunsACommandStopsStartsIsSnapshottedAndDeleted() {
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
        browser.until(ExpectedConditions.attributeToBe(stateIn(row), "data-state", "started"));
        assertThat(browser.driver.findElement(row).getText()).contains("python").contains("team=web").contains("15 min");

        browser.click(By.linkText(box));
        browser.urlContains("/app/sandboxes/");
        browser.click(tab("Command"));
        browser.type(By.id("sandbox-command"), "echo hi");
        browser.click(By.id("sandbox-run"));
        assertThat(browser.textContains(By.cssSelector("[data-testid=sandbox-stdout]"), "hi").strip()).isEqualTo("hi");
        browser.textContains(By.cssSelector("[data-testid=sandbox-exit-code]"), "Exit code 0");
        browser.screenshot("sandbox-command");

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

    private static By stateIn(By row) {
        return new By.ByChained(row, By.cssSelector("[data-testid=state-tag]"));
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
