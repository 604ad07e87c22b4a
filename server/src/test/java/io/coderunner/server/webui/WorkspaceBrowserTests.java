package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A project's files: a new file written, saved and run where it is, its output under the editor. */
class WorkspaceBrowserTests extends BrowserTest {

    @Test
    void aNewPythonFileIsSavedAndRunInTheProject() {
        String name = signedInUser("projects");
        String project = unique("hello");
        browser.open("/app/workspaces");
        browser.type(By.xpath("//input[@placeholder='Name of a new project']"), project);
        browser.click(Browser.button("Create"));
        browser.click(By.partialLinkText(project));
        browser.urlContains("/workspaces/" + project);

        browser.type(By.id("new-file-name"), "hello.py");
        browser.click(By.id("new-file"));
        // The new, empty file is open in the editor, and listed.
        browser.visible(By.cssSelector("[data-testid=code-editor] .cm-content"));
        browser.visible(By.xpath("//*[contains(@class,'ant-tree')]//*[normalize-space(text())='hello.py']"));
        browser.typeProgram(List.of("print(6*7)"));
        browser.click(By.id("project-save"));
        browser.visible(Browser.text("Saved"));
        String token = login(name, "password-" + name + "-1");
        assertThat(api.withToken(token).get("/workspace/projects/" + project + "/data/content?path=hello.py").json()
                .get("content").asString()).isEqualTo("print(6*7)");

        browser.click(By.id("project-run"));
        browser.textContains(By.cssSelector("[data-testid=project-run-status]"), "OK");
        assertThat(browser.textContains(By.cssSelector("[data-testid=project-run-output]"), "42").strip()).isEqualTo("42");
        browser.screenshot("workspace-run");
    }
}
