package io.coderunner.server.accounts;

import com.fasterxml.jackson.annotation.JsonAlias;

/** Request bodies of the accounts API, in the seeds' field names. */
final class AccountRequests {

    private AccountRequests() {
    }

    record Register(String username, String email, String password, String fullName) {
    }

    record Login(@JsonAlias("email") String username, String password) {
    }

    record Refresh(String refreshToken) {
    }

    record ChangePassword(@JsonAlias({"current_password", "oldPassword"}) String oldPassword, String newPassword) {
    }

    record AdminCreate(String username, String email, String password, String fullName, Boolean isActive, Boolean isAdmin,
                       Integer userLevel) {
    }

    record AdminUpdate(String email, String fullName, Boolean isActive, Boolean isAdmin, Integer userLevel) {
    }

    record AdminSetPassword(String newPassword) {
    }

    record ForgotPassword(String email) {
    }

    record ResetPassword(String token, @JsonAlias({"password", "newPassword"}) String newPassword) {
    }
}
