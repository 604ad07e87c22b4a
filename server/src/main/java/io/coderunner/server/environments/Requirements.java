package io.coderunner.server.environments;

import io.coderunner.server.http.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a caller may ask a package manager for: package names with versions, nothing else. Each
 * requirement reaches pip or npm as one argument after the options, but the managers read far more
 * than names from an argument (options, paths, URLs, VCS checkouts, other indexes), so only
 * a strict subset of each ecosystem's syntax is accepted: for pip, PEP 508 names with extras and
 * version specifiers (no URLs, no markers); for npm, a name (scoped or not) with an optional
 * version, range or tag.
 */
final class Requirements {

    static final int MAX_PER_REQUEST = 20;
    private static final int MAX_LENGTH = 200;

    private static final String PIP_NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
    private static final Pattern PIP_NAME_ONLY = Pattern.compile(PIP_NAME);
    private static final String PIP_VERSION_CLAUSE = "(?:===|~=|==|!=|<=|>=|<|>)\\s*[A-Za-z0-9][A-Za-z0-9.*+!_-]*";
    private static final Pattern PIP = Pattern.compile(PIP_NAME + "(?:\\s*\\[\\s*" + PIP_NAME + "(?:\\s*,\\s*" + PIP_NAME + ")*\\s*])?"
            + "(?:\\s*" + PIP_VERSION_CLAUSE + "(?:\\s*,\\s*" + PIP_VERSION_CLAUSE + ")*)?");

    private static final String NPM_NAME = "(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*";
    private static final Pattern NPM_NAME_ONLY = Pattern.compile(NPM_NAME);
    private static final Pattern NPM = Pattern.compile(NPM_NAME + "(?:@[A-Za-z0-9.*^~<>=| +_-]*[A-Za-z0-9.*])?");

    private Requirements() {
    }

    /** The requirements, trimmed, or a 400 naming the first one that is not a plain name with a version. */
    static List<String> validate(Ecosystem ecosystem, List<String> requirements) {
        if (requirements == null || requirements.isEmpty()) {
            throw new BadRequestException("packages: give one or more requirements, e.g. "
                    + (ecosystem == Ecosystem.PYTHON ? "\"requests==2.31.0\"" : "\"lodash@4.17.21\""));
        }
        if (requirements.size() > MAX_PER_REQUEST) {
            throw new BadRequestException("packages: at most " + MAX_PER_REQUEST + " requirements at once, got " + requirements.size());
        }
        List<String> valid = new ArrayList<>();
        for (String requirement : requirements) {
            String value = requirement == null ? "" : requirement.strip();
            Pattern pattern = ecosystem == Ecosystem.PYTHON ? PIP : NPM;
            if (value.length() > MAX_LENGTH || !pattern.matcher(value).matches()) {
                throw new BadRequestException("requirement '" + shorten(requirement) + "' is not accepted: give "
                        + (ecosystem == Ecosystem.PYTHON
                        ? "a package name with optional [extras] and version specifiers (name==1.0, name>=1,<2)"
                        : "a package name with an optional version, range or tag (name, name@1.2.3, @scope/name@^1)")
                        + "; options, paths, URLs and version-control sources are refused");
            }
            valid.add(value);
        }
        return valid;
    }

    /** A package name as a path segment (DELETE and upgrade), or a 400. */
    static String packageName(Ecosystem ecosystem, String name) {
        Pattern pattern = ecosystem == Ecosystem.PYTHON ? PIP_NAME_ONLY : NPM_NAME_ONLY;
        if (name == null || name.length() > MAX_LENGTH || !pattern.matcher(name).matches()) {
            throw new BadRequestException("'" + shorten(name) + "' is not a " + ecosystem.displayName() + " package name");
        }
        return name;
    }

    private static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }
}
