package io.coderunner.server.profiles;

import io.coderunner.server.http.BadRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The form of a profile's free-text fields. Each returns the value to store: stripped, and null for
 * a blank one (an empty string clears a field). Control characters are refused: besides being
 * useless in a name or a link, PostgreSQL cannot store a NUL in text.
 */
final class ProfileFields {

    static final int MAX_BIO = 1000;
    static final int MAX_WEBSITE = 200;
    static final int MAX_LOCATION = 100;

    /** GitHub's rule: 1 to 39 letters, digits or single hyphens, neither first nor last. */
    private static final Pattern GITHUB = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");

    private ProfileFields() {
    }

    static String bio(String value) {
        return text("bio", value, MAX_BIO, true);
    }

    static String location(String value) {
        return text("location", value, MAX_LOCATION, false);
    }

    /** Only http and https links: a javascript: or data: link in a profile would run in the reader's browser. */
    static String website(String value) {
        String url = text("website", value, MAX_WEBSITE, false);
        if (url == null) {
            return null;
        }
        String problem = "website must be an http:// or https:// URL such as https://example.com, was '" + url + "'";
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isBlank()
                    || uri.getRawUserInfo() != null) {
                throw new BadRequestException(problem);
            }
        } catch (URISyntaxException e) {
            throw new BadRequestException(problem);
        }
        return url;
    }

    static String github(String value) {
        // The pattern bounds the length; this only keeps an absurd value out of the error message.
        String name = text("github", value, 100, false);
        if (name != null && name.startsWith("@")) {
            name = name.substring(1);
        }
        if (name != null && !GITHUB.matcher(name).matches()) {
            throw new BadRequestException("github must be a GitHub user name: 1 to 39 letters, digits or single hyphens, "
                    + "not starting or ending with a hyphen, was '" + name + "'");
        }
        return name;
    }

    private static String text(String field, String value, int max, boolean multiline) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new BadRequestException(field + " must be at most " + max + " characters, was " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = multiline && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowed) {
                throw new BadRequestException(field + " must not contain control characters"
                        + (multiline ? " other than line breaks and tabs" : " or line breaks"));
            }
        }
        return text;
    }
}
