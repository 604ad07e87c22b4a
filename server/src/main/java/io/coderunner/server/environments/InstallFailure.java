package io.coderunner.server.environments;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a pip or npm run failed, read from what the manager printed: so that an install which could
 * not reach its package index says so, instead of blaming a package that may well exist. pip
 * reports an unreachable index only as warnings about retries, then ends with the same "No
 * matching distribution found" as for a package that does not exist; npm names the system error
 * (ENOTFOUND, EAI_AGAIN, ECONNREFUSED, ETIMEDOUT...). The patterns come from the managers' real
 * outputs, kept in the tests (install-outputs/).
 */
final class InstallFailure {

    /** What went wrong, as the API's {@code cause} code. */
    enum Cause {
        INDEX_UNREACHABLE, PACKAGE_NOT_FOUND, DISK_LIMIT, OTHER;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final List<Pattern> PIP_UNREACHABLE = patterns(
            "Failed to establish a new connection",
            "Temporary failure in name resolution",
            "Name or service not known",
            "Network is unreachable",
            "Connection refused",
            "Read timed out",
            "ConnectTimeoutError",
            "Could not fetch URL",
            "ProxyError",
            "SSLError");
    private static final List<Pattern> PIP_NOT_FOUND = patterns(
            "No matching distribution found for",
            "Could not find a version that satisfies the requirement");
    private static final List<Pattern> NPM_UNREACHABLE = patterns(
            "\\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\\b",
            "npm error network ");
    private static final List<Pattern> NPM_NOT_FOUND = patterns(
            "\\bE404\\b",
            "\\bETARGET\\b",
            "No matching version found for");

    private InstallFailure() {
    }

    static Cause classify(Ecosystem ecosystem, String output) {
        String text = output == null ? "" : output;
        boolean python = ecosystem == Ecosystem.PYTHON;
        // Checked first: pip prints "No matching distribution found" after its connection errors too.
        if (any(python ? PIP_UNREACHABLE : NPM_UNREACHABLE, text)) {
            return Cause.INDEX_UNREACHABLE;
        }
        if (any(python ? PIP_NOT_FOUND : NPM_NOT_FOUND, text)) {
            return Cause.PACKAGE_NOT_FOUND;
        }
        return Cause.OTHER;
    }

    /** The sentence a failed change gives for an unreachable index: which index it tried. */
    static String unreachable(Ecosystem ecosystem, List<String> configuredIndexes) {
        String index = configuredIndexes.isEmpty() ? defaultIndex(ecosystem) : String.join(", ", configuredIndexes);
        return "the package index could not be reached (no network to " + index + ")";
    }

    static String defaultIndex(Ecosystem ecosystem) {
        return ecosystem == Ecosystem.PYTHON ? "https://pypi.org/simple" : "https://registry.npmjs.org/";
    }

    private static boolean any(List<Pattern> patterns, String text) {
        return patterns.stream().anyMatch(p -> p.matcher(text).find());
    }

    private static List<Pattern> patterns(String... expressions) {
        return java.util.Arrays.stream(expressions).map(Pattern::compile).toList();
    }
}
