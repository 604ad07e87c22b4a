package io.coderunner.server.profiles;

import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own profile (seed 004, 用户资料管理). Only a signed-in user changes it, never a program with an API key. */
@RestController
@Tag(name = "Profile")
class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/profile")
    @PreAuthorize("isAuthenticated()")
    @KeyScope({})
    @Operation(summary = "The caller's profile, with their account's fields")
    ProfileView get(@AuthenticationPrincipal Caller caller) {
        return profiles.get(caller);
    }

    @PutMapping("/profile")
    @SignedInUser
    @Operation(summary = "Change some of the caller's profile fields",
            description = "Fields left out stay as they are; an empty string clears one. full_name: at most 100 "
                    + "characters; bio: at most 1000; website: an http(s) URL of at most 200; location: at most 100; "
                    + "github: a GitHub user name; profile_public and show_email: true or false.")
    ProfileView update(@AuthenticationPrincipal Caller caller, @RequestBody ProfileUpdate request) {
        return profiles.update(caller, request);
    }
}
