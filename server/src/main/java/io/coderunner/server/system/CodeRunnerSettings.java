package io.coderunner.server.system;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the installation as a whole.
 *
 * @param dataDir where CodeRunner keeps its database and work files (CODERUNNER_DATA_DIR)
 * @param maxRequestBytes largest request body accepted, in bytes
 */
@Validated
@ConfigurationProperties("coderunner")
public record CodeRunnerSettings(@NotNull Path dataDir, Long maxRequestBytes) {

    public CodeRunnerSettings {
        if (maxRequestBytes == null) {
            maxRequestBytes = 10L * 1024 * 1024;
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("coderunner.max-request-bytes must be at least 1024, was " + maxRequestBytes);
        }
    }
}
