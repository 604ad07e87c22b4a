package io.coderunner.server.accounts;

import io.coderunner.server.audit.ClientAddress;
import io.coderunner.server.system.BadRequestException;
import io.coderunner.server.system.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registration, sign-in and the caller's own account (seed 004, 用户认证与管理; seed 003's refresh and logout). */
@RestController
@Tag(name = "Accounts")
class AuthController {

    private final AccountService accounts;
    private final SignIn signIn;

    AuthController(AccountService accounts, SignIn signIn) {
        this.accounts = accounts;
        this.signIn = signIn;
    }

    @PostMapping("/register")
    @PermitAll
    @Operation(summary = "Create an account (Free tier)")
    UserView register(@RequestBody AccountRequests.Register request) {
        return UserView.of(accounts.register(request));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PermitAll
    @Operation(summary = "Sign in with user name (or e-mail) and password: an access token and a refresh token")
    TokenPair login(@RequestBody AccountRequests.Login request, HttpServletRequest http) {
        return signIn.login(request.username(), request.password(), ClientAddress.of(http));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @PermitAll
    @Operation(summary = "Sign in with an OAuth2 password form (username, password)")
    TokenPair loginForm(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                        HttpServletRequest http) {
        return signIn.login(username, password, ClientAddress.of(http));
    }

    @PostMapping("/refresh")
    @PermitAll
    @Operation(summary = "Trade a refresh token for a new access token and a new refresh token")
    TokenPair refresh(@RequestBody AccountRequests.Refresh request) {
        return signIn.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @PermitAll
    @Operation(summary = "End a sign-in: its refresh token (and every one rotated from it) stops working")
    Map<String, String> logout(@RequestBody AccountRequests.Refresh request) {
        if (request.refreshToken() == null) {
            throw new BadRequestException("refresh_token is required");
        }
        signIn.logout(request.refreshToken());
        return Map.of("message", "signed out");
    }

    @GetMapping("/users/me")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's account")
    UserView me(@AuthenticationPrincipal Caller caller) {
        return UserView.of(accounts.me(caller));
    }

    @PostMapping("/change-password")
    @PreAuthorize("isAuthenticated() and !hasRole('API_KEY')")
    @Operation(summary = "Change the caller's password; every other session ends")
    Map<String, String> changePassword(@AuthenticationPrincipal Caller caller, @RequestBody AccountRequests.ChangePassword request) {
        accounts.changePassword(caller, request);
        return Map.of("message", "password changed");
    }
}
