package io.coderunner.server.accounts;

import io.coderunner.server.system.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A forgotten password reset by a link sent by mail, and what the sign-in page may offer. */
@RestController
@Tag(name = "Accounts")
class PasswordResetController {

    /** The one answer to every request for a link, whether or not the account exists. */
    static final String SENT = "if an account with that e-mail address exists, a link to reset its password has been sent to it";

    private final PasswordResets resets;
    private final AuthSettings settings;

    PasswordResetController(PasswordResets resets, AuthSettings settings) {
        this.resets = resets;
        this.settings = settings;
    }

    @GetMapping("/auth/options")
    @PermitAll
    @Operation(summary = "What the sign-in pages offer on this server: registration, password reset by mail")
    Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("registration_open", settings.registrationOpen());
        options.put("password_reset_by_mail", resets.enabled());
        return options;
    }

    @PostMapping("/forgot-password")
    @PermitAll
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a password reset link (valid 30 minutes, once) to the account with this e-mail address",
            description = "202 with the same answer whether or not such an account exists; 429 past the limits per address "
                    + "and per e-mail address; 404 when this server has no mail configured")
    Map<String, String> forgot(@RequestBody AccountRequests.ForgotPassword request, HttpServletRequest http) {
        resets.request(request.email(), ClientAddress.of(http), http, http.getLocale());
        return Map.of("message", SENT);
    }

    @PostMapping("/reset-password")
    @PermitAll
    @Operation(summary = "Set a new password with the token of a reset link; every session of the account ends",
            description = "400 with code invalid_reset_token for a token that is unknown, expired or already used")
    Map<String, String> reset(@RequestBody AccountRequests.ResetPassword request) {
        resets.reset(request.token(), request.newPassword());
        return Map.of("message", "password changed: sign in with the new one");
    }
}
