package io.coderunner.server.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ai.ProviderStub;
import io.coderunner.server.ai.Wire;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Without an AI provider the editor offers to set one up instead of buttons that can only fail; a new one is tested in place. */
class AiSetupBrowserTests extends BrowserTest {

    @Test
    void aUserWithoutAProviderIsLedToSetOneUpAndTestsItThere() {
        signedInUser("aisetup");
        browser.open("/app/editor");
        browser.visible(By.id("ai-setup-link"));
        assertThat(browser.driver.findElements(By.id("generate-button"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("explain-code-button"))).isEmpty();
        browser.click(By.id("ai-setup-link"));
        browser.urlContains("/app/ai-configs");
        browser.textContains(By.tagName("main"), "encrypted");

        try (ProviderStub provider = ProviderStub.start()) {
            provider.replies(Wire.openAi("OK", 4, 1));
            browser.click(By.id("ai-add"));
            browser.click(By.cssSelector(".ant-modal .ant-select"));
            browser.click(By.xpath("//div[contains(@class,'ant-select-item-option')][contains(.,'OpenAI-compatible')]"));
            browser.settled();
            // The provider's own name is filled in; an address is asked for, with an example.
            assertThat(browser.visible(By.id("ai-name")).getAttribute("value")).startsWith("OpenAI-compatible");
            assertThat(browser.visible(By.id("ai-base-url")).getAttribute("placeholder")).startsWith("https://");
            browser.type(By.cssSelector(".ant-modal .ant-select-auto-complete input"), "tiny-model");
            browser.type(By.id("ai-base-url"), provider.baseUrl() + "/v1");
            browser.click(By.cssSelector(".ant-modal-footer .ant-btn-primary"));
            browser.click(By.cssSelector("[data-testid=ai-test]"));
            String result = browser.textContains(By.cssSelector("[data-testid=ai-test-result]"), "Works");
            assertThat(result).contains("OK");
            assertThat(provider.received()).hasSize(1);
            assertThat(provider.received().get(0).body()).contains("tiny-model");
            browser.screenshot("ai-config-tested");
        }

        // With a provider set up, the editor offers its AI buttons.
        browser.open("/app/editor");
        browser.visible(By.id("generate-button"));
        assertThat(browser.driver.findElements(By.id("ai-setup-link"))).isEmpty();
    }
}
