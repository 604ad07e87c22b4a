package io.coderunner.server.environments;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of users' environments ({@code coderunner.environments.*}, or CODERUNNER_ENVIRONMENTS_*).
 *
 * @param pipIndexUrl           the package index pip installs from (PIP_INDEX_URL); empty: pip's own default
 * @param pipExtraIndexUrl      a second index pip also looks in (PIP_EXTRA_INDEX_URL); empty: none
 * @param npmRegistry           the registry npm installs from (npm --registry); empty: npm's own default
 * @param diskMb                most an environment may take on disk, and what an install may write
 * @param installTimeoutSeconds longest one install, upgrade or uninstall may take (wall and CPU time)
 * @param installMemoryMb       memory of the package manager and what it runs
 */
@ConfigurationProperties("coderunner.environments")
record EnvironmentSettings(String pipIndexUrl, String pipExtraIndexUrl, String npmRegistry, Integer diskMb,
                           Integer installTimeoutSeconds, Integer installMemoryMb) {

    EnvironmentSettings {
        pipIndexUrl = url("pip-index-url", pipIndexUrl);
        pipExtraIndexUrl = url("pip-extra-index-url", pipExtraIndexUrl);
        npmRegistry = url("npm-registry", npmRegistry);
        diskMb = diskMb == null ? 512 : diskMb;
        installTimeoutSeconds = installTimeoutSeconds == null ? 300 : installTimeoutSeconds;
        installMemoryMb = installMemoryMb == null ? 1024 : installMemoryMb;
        if (diskMb < 1 || installTimeoutSeconds < 1 || installMemoryMb < 64) {
            throw new IllegalArgumentException("coderunner.environments: disk-mb and install-timeout-seconds must be at "
                    + "least 1 and install-memory-mb at least 64");
        }
    }

    long diskBytes() {
        return diskMb * 1024L * 1024L;
    }

    /** A package index must be an http(s) URL: it reaches pip and npm as one argument or variable, never as options. */
    private static String url(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("coderunner.environments." + name + " must be an http(s) URL, was " + value);
        }
    }
}
