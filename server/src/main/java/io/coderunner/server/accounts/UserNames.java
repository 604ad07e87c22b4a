package io.coderunner.server.accounts;

import io.coderunner.server.http.BadRequestException;
import java.util.regex.Pattern;

/** The form of user names and e-mail addresses. */
final class UserNames {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private UserNames() {
    }

    static String username(String value) {
        if (value == null || !USERNAME.matcher(value.strip()).matches()) {
            throw new BadRequestException("username must be 3 to 32 letters, digits, '_', '.' or '-'");
        }
        return value.strip();
    }

    static String email(String value) {
        if (value == null || value.length() > 254 || !EMAIL.matcher(value.strip()).matches()) {
            throw new BadRequestException("email must be an e-mail address such as ada@example.com");
        }
        return value.strip();
    }

    static String fullName(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 100) {
            throw new BadRequestException("full_name must be at most 100 characters");
        }
        return value.strip();
    }
}
