package io.coderunner.server.accounts;

import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators' management of users (seed 004). */
@RestController
@Tag(name = "Users (admin)")
@PreAuthorize("hasRole('ADMIN')")
class AdminUsersController {

    private final AccountService accounts;

    AdminUsersController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/users")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "All users (admin)")
    List<UserView> list(@RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        return accounts.list(Page.of(skip, limit, 100)).stream().map(UserView::of).toList();
    }

    @PostMapping("/admin/users")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a user with any tier or role (admin)")
    UserView create(@AuthenticationPrincipal Caller admin, @RequestBody AccountRequests.AdminCreate request) {
        return UserView.of(accounts.adminCreate(admin, request));
    }

    @PutMapping("/admin/users/{user_id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Change a user's e-mail, name, tier, role or whether it is active (admin)")
    UserView update(@AuthenticationPrincipal Caller admin, @PathVariable("user_id") long userId,
                    @RequestBody AccountRequests.AdminUpdate request) {
        return UserView.of(accounts.adminUpdate(admin, userId, request));
    }

    @DeleteMapping("/admin/users/{user_id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Delete a user and everything they own (admin)")
    Map<String, String> delete(@AuthenticationPrincipal Caller admin, @PathVariable("user_id") long userId) {
        accounts.adminDelete(admin, userId);
        return Map.of("message", "user " + userId + " deleted");
    }

    @PostMapping("/admin/users/{user_id}/change-password")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set a user's password (admin)")
    Map<String, String> setPassword(@AuthenticationPrincipal Caller admin, @PathVariable("user_id") long userId,
                                    @RequestBody AccountRequests.AdminSetPassword request) {
        accounts.adminSetPassword(admin, userId, request);
        return Map.of("message", "password of user " + userId + " changed");
    }
}
