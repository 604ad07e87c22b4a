package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.http.Timestamps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A signed-in user sees today's count against the tier, and a used-up quota said in their language. */
class UsageBrowserTests extends BrowserTest {

    private static final By COUNTER = By.cssSelector("[data-testid=usage-counter]");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theHeaderCountsTodaysRunsAndAUsedUpQuotaIsSaidInChinese() {
        String name = signedInUser("usage");
        // A provider is set up, so the editor would offer AI Fix for a failed run: not for a refusal.
        api.withToken(login(name, "password-" + name + "-1")).postJson("/ai-configs", Map.of("config_name", "any",
                "provider", "openai-compatible", "model_name", "m", "base_url", "http://127.0.0.1:9/v1"));
        browser.open("/app/editor");
        browser.visible(By.id("generate-button"));
        browser.textContains(COUNTER, "0 / 10");
        browser.typeProgram(List.of("print(6 * 7)"));
        browser.click(By.id("run-button"));
        browser.textContains(By.cssSelector("[data-testid=result-status]"), "OK");
        // The run is counted where the user sees it, without reloading the page.
        browser.textContains(COUNTER, "1 / 10");
        browser.click(COUNTER);
        String details = browser.textContains(By.cssSelector("[data-testid=usage-details]"), "Free");
        assertThat(details).contains("1 / 10").contains("0 / 20").contains("UTC");

        // Nine more runs today, as though made elsewhere: the next one is refused.
        long id = api.withToken(login(name, "password-" + name + "-1")).get("/users/me").json().get("id").asLong();
        jdbc.sql("UPDATE daily_usage SET executions = 10 WHERE user_id = ? AND day = ?")
                .params(id, Timestamps.day(System.currentTimeMillis())).update();
        browser.click(By.cssSelector("[data-testid=language-switch]"));
        browser.click(Browser.text("简体中文"));
        browser.visible(Browser.button("运行"));
        browser.click(By.id("run-button"));
        String refusal = browser.textContains(By.cssSelector("[data-testid=run-error]"), "10 次运行");
        assertThat(refusal).contains("Free").contains("重新开始").doesNotContain("quota");
        // Nothing a changed program could fix: no AI Fix or Explain for a refusal.
        assertThat(browser.driver.findElements(By.id("fix-button"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("explain-button"))).isEmpty();
        browser.textContains(COUNTER, "10 / 10");
        browser.screenshot("quota-refused-zh");
    }

    @AfterEach
    void visitorsMayRunAgain() {
        admin().putJson("/admin/settings", Map.of("anonymous_runs_allowed", true));
    }

    @Test
    void anAdministratorTurnsOffVisitorsRunsAndAVisitorIsToldToSignIn() {
        signIn("admin", ADMIN_PASSWORD);
        browser.open("/app/admin/settings");
        WebElement allowed = browser.visible(By.id("settings-anonymous-allowed"));
        assertThat(allowed.getAttribute("aria-checked")).isEqualTo("true");
        allowed.click();
        browser.click(By.id("settings-save"));
        browser.visible(By.cssSelector("[data-testid=settings-saved]"));
        assertThat(admin().get("/admin/settings").json().get("anonymous_runs_allowed").asBoolean()).isFalse();

        browser.forget();
        browser.open("/app/editor");
        browser.typeProgram(List.of("print('visitor')"));
        browser.click(By.id("run-button"));
        browser.textContains(By.cssSelector("[data-testid=run-error]"), "only for signed-in users");
    }
}
