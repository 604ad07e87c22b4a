package io.coderunner.server.workspaces;

import io.coderunner.server.http.BadRequestException;
import java.text.Normalizer;
import java.util.Locale;

/** Seed 003's project names: hyphens for spaces, lower case, a short safe alphabet. */
final class ProjectNames {

    private ProjectNames() {
    }

    static String sanitize(String name) {
        if (name == null) {
            throw new BadRequestException("name is required");
        }
        String clean = Normalizer.normalize(name.strip(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("\\s+", "-").replaceAll("[^a-z0-9._-]", "")
                .replaceAll("^[.-]+", "");
        if (clean.isEmpty() || clean.length() > 64) {
            throw new BadRequestException("name must give 1 to 64 letters, digits, '.', '_' or '-' (spaces become '-'), got '"
                    + name + "'");
        }
        return clean;
    }
}
