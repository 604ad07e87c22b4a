package io.coderunner.server.execution;

import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxConfig;
import io.coderunner.engine.Sandboxes;
import io.coderunner.engine.language.LanguageRegistry;
import io.coderunner.server.system.CodeRunnerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine as beans: the languages of this host and the sandbox that runs them. */
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

    @Bean
    LanguageRegistry languageRegistry() {
        return LanguageRegistry.probeHost();
    }

    @Bean(destroyMethod = "close")
    Sandbox sandbox(SandboxSettings settings, CodeRunnerSettings installation) {
        SandboxConfig config = new SandboxConfig(settings.runtime(),
                installation.dataDir().toAbsolutePath().resolve("sandbox"), settings.slots(), settings.uidBase(),
                SandboxConfig.defaultCompileLimits(), "coderunner", settings.allowUnsafe());
        return Sandboxes.create(config);
    }
}
