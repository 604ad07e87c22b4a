package io.coderunner.server.accounts;

import io.coderunner.server.http.BadRequestException;

/** What a password must be, said in one message when it is not. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    static void check(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH
                || password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)
                || (username != null && password.equalsIgnoreCase(username))) {
            throw new BadRequestException("password must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters, with at least one letter and one digit, and not the user name");
        }
    }
}
