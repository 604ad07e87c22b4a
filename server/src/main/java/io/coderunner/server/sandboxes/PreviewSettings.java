package io.coderunner.server.sandboxes;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a sandbox's ports are previewed ({@code coderunner.sandboxes.*}).
 *
 * @param previewDomain      when set (e.g. {@code preview.example.com}, with a wildcard DNS record and
 *                           certificate for {@code *.preview.example.com} pointing at this server), preview
 *                           links are also given as {@code https://<port>-<sandbox id>.<domain>/}: each port
 *                           then has an origin of its own, apart from CodeRunner's, which a browser
 *                           needs to keep a previewed page's scripts away from the user's session
 * @param previewConnections most proxied connections open at once into one sandbox
 */
@ConfigurationProperties("coderunner.sandboxes")
record PreviewSettings(String previewDomain, Integer previewConnections) {

    PreviewSettings {
        previewDomain = previewDomain == null || previewDomain.isBlank() ? null
                : previewDomain.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("^\\.+|\\.+$", "");
        if (previewDomain != null && !previewDomain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?")) {
            throw new IllegalArgumentException("coderunner.sandboxes.preview-domain must be a host name such as preview.example.com, was "
                    + previewDomain);
        }
        previewConnections = previewConnections == null ? 64 : previewConnections;
        if (previewConnections < 1) {
            throw new IllegalArgumentException("coderunner.sandboxes.preview-connections must be at least 1, was " + previewConnections);
        }
    }
}
