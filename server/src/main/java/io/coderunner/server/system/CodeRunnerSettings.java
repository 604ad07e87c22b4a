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
 * @param publicUrl where users reach this server, e.g. https://code.example.com (CODERUNNER_PUBLIC_URL), for
 *                  links sent by mail; empty: the origin of the request being answered
 */
@Validated
@ConfigurationProperties("coderunner")
public record CodeRunnerSettings(@NotNull Path dataDir, Long maxRequestBytes, String publicUrl) {

    public CodeRunnerSettings {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
        if (publicUrl != null && !publicUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw new IllegalArgumentException("coderunner.public-url (CODERUNNER_PUBLIC_URL) must be an http(s) URL such as "
                    + "https://code.example.com, was " + publicUrl);
        }
        if (maxRequestBytes == null) {
            maxRequestBytes = 10L * 1024 * 1024;
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("coderunner.max-request-bytes must be at least 1024, was " + maxRequestBytes);
        }
    }
}
