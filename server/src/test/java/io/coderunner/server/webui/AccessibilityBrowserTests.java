package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The main pages scanned by axe-core (the web module's npm package, injected into each page) with
 * no serious or critical violation, signed out and signed in, in both languages; and every label
 * names a field that exists.
 */
class AccessibilityBrowserTests extends BrowserTest {

    private static final Path AXE = Path.of("..", "web", "node_modules", "axe-core", "axe.min.js");

    private static final List<String> VISITOR_PAGES = List.of("/app/", "/app/login", "/app/register", "/app/editor",
            "/app/explore", "/app/community");
    private static final List<String> USER_PAGES = List.of("/app/editor", "/app/library", "/app/history", "/app/profile",
            "/app/workspaces", "/app/terminals", "/app/ai-configs", "/app/api-keys", "/app/environments",
            "/app/community", "/app/explore", "/app/sandboxes", "/app/snapshots", "/app/volumes");

    @Test
    void theMainPagesHaveNoSeriousOrCriticalViolations() throws IOException {
        String axe = Files.readString(AXE);
        List<String> problems = new ArrayList<>();
        for (String page : VISITOR_PAGES) {
            problems.addAll(scan(axe, page));
        }

        String name = signedInUser("a11y");
        ApiClient user = api.withToken(login(name, "password-" + name + "-1"));
        user.postJson("/code-library", Map.of("title", "Scanned", "code", "print(1)", "is_public", true, "tags", List.of("t")));
        long post = user.postJson("/community/posts", Map.of("title", "Scanned post", "content", "# Heading\n\ntext"))
                .json().get("id").asLong();
        for (String page : USER_PAGES) {
            problems.addAll(scan(axe, page));
        }
        problems.addAll(scan(axe, "/app/community/posts/" + post));
        problems.addAll(scan(axe, "/app/users/" + name));
        // A sandbox's page, whatever state it reached (its tabs say why they wait when it is not started).
        String sandbox = user.postJson("/sandboxes", Map.of("name", "scanned")).json().get("id").asString();
        problems.addAll(scan(axe, "/app/sandboxes/" + sandbox));
        problems.addAll(scan(axe, "/app/sandboxes"));
        user.delete("/sandboxes/" + sandbox);

        browser.click(By.cssSelector("[data-testid=language-switch]"));
        browser.click(Browser.text("简体中文"));
        browser.visible(By.linkText("编辑器"));
        problems.addAll(scan(axe, "/app/editor"));
        problems.addAll(scan(axe, "/app/library"));
        problems.addAll(scan(axe, "/app/sandboxes"));

        signIn("admin", ADMIN_PASSWORD);
        problems.addAll(scan(axe, "/app/admin/users"));
        problems.addAll(scan(axe, "/app/admin/settings"));

        assertThat(problems).as("axe-core's serious and critical findings, and labels for missing fields").isEmpty();
    }

    /** The page's serious and critical violations once it has shown its content, one line each. */
    @SuppressWarnings("unchecked")
    private List<String> scan(String axe, String page) {
        browser.open(page);
        browser.visible(By.cssSelector("h1"));
        browser.settled();
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined'"))) {
            js.executeScript(axe);
        }
        List<String> found = (List<String>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then((result) => {
                  const lines = [];
                  for (const v of result.violations) {
                    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
                    for (const node of v.nodes) lines.push(v.id + ' (' + v.impact + '): ' + node.target.join(' ') + ' - ' + v.help);
                  }
                  for (const label of document.querySelectorAll('label[for]')) {
                    if (!document.getElementById(label.htmlFor)) lines.push('label for a missing field: ' + label.htmlFor + ' "' + label.textContent + '"');
                  }
                  done(lines);
                }).catch((e) => done(['axe failed: ' + e]));
                """);
        return found.stream().map(line -> page + ": " + line).toList();
    }
}
