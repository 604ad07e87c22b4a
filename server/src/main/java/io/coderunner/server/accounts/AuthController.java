package io.coderunner.server.accounts;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.InvalidCredentialsException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.coderunner.server.security.SessionCookies;
import io.coderunner.server.security.SignedInUser;
import io.coderunner.server.system.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
    private final BrowserSession browser;

    private final RegistrationThrottle registrations;

    AuthController(AccountService accounts, SignIn signIn, BrowserSession browser, RegistrationThrottle registrations) {
        this.registrations = registrations;
        this.accounts = accounts;
        this.signIn = signIn;
        this.browser = browser;
    }

    @PostMapping("/register")
    @PermitAll
    @Operation(summary = "Create an account (Free tier)")
    UserView register(@RequestBody AccountRequests.Register request, HttpServletRequest http) {
        registrations.check(ClientAddress.of(http));
        return UserView.of(accounts.register(request));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PermitAll
    @Operation(summary = "Sign in with user name (or e-mail) and password: an access token and a refresh token")
    TokenPair login(@RequestBody AccountRequests.Login request, HttpServletRequest http, HttpServletResponse response) {
        TokenPair tokens = signIn.login(request.username(), request.password(), ClientAddress.of(http));
        browser.signedIn(tokens, http, response);
        return tokens;
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @PermitAll
    @Operation(summary = "Sign in with an OAuth2 password form (username, password)")
    TokenPair loginForm(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                        HttpServletRequest http, HttpServletResponse response) {
        TokenPair tokens = signIn.login(username, password, ClientAddress.of(http));
        browser.signedIn(tokens, http, response);
        return tokens;
    }

    @PostMapping("/refresh")
    @PermitAll
    @Operation(summary = "Trade a refresh token (in the body, or the browser's cookie) for a new access token and a new refresh token")
    TokenPair refresh(@RequestBody(required = false) AccountRequests.Refresh request, HttpServletRequest http,
                      HttpServletResponse response) {
        String cookie = SessionCookies.read(http, SessionCookies.REFRESH);
        String token = request != null && request.refreshToken() != null ? request.refreshToken() : cookie;
        if (token == null) {
            throw new BadRequestException("refresh_token is required (in the body, or the sign-in cookie)");
        }
        TokenPair tokens = signIn.refresh(token);
        if (token.equals(cookie)) {
            browser.signedIn(tokens, http, response);
        }
        return tokens;
    }

    @PostMapping("/logout")
    @PermitAll
    @Operation(summary = "End a sign-in: its refresh token (and every one rotated from it) stops working")
    Map<String, String> logout(@RequestBody(required = false) AccountRequests.Refresh request, HttpServletRequest http,
                               HttpServletResponse response) {
        String cookie = SessionCookies.read(http, SessionCookies.REFRESH);
        String token = request != null && request.refreshToken() != null ? request.refreshToken() : cookie;
        if (token == null) {
            throw new BadRequestException("refresh_token is required (in the body, or the sign-in cookie)");
        }
        if (token.equals(cookie)) {
            // A browser is signed out whatever state its cookie was in.
            browser.signedOut(http, response);
            try {
                signIn.logout(token);
            } catch (InvalidCredentialsException alreadyEnded) {
                return Map.of("message", "signed out");
            }
        } else {
            signIn.logout(token);
        }
        return Map.of("message", "signed out");
    }

    @KeyScope({})
    @GetMapping("/users/me")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller's account")
    UserView me(@AuthenticationPrincipal Caller caller) {
        return UserView.of(accounts.me(caller));
    }

    @PostMapping("/change-password")
    @SignedInUser
    @Operation(summary = "Change the caller's password; every other session ends")
    Map<String, String> changePassword(@AuthenticationPrincipal Caller caller, @RequestBody AccountRequests.ChangePassword request) {
        accounts.changePassword(caller, request);
        return Map.of("message", "password changed");
    }
}
