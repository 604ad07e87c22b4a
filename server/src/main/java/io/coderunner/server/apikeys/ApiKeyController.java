package io.coderunner.server.apikeys;

import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's API keys (seed 004). Only a signed-in user manages keys: a key cannot make, list or
 * re-enable keys, so a leaked key cannot outlive its revocation.
 */
@RestController
@Tag(name = "API keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping("/api-keys")
    @SignedInUser
    @Operation(summary = "Create an API key; its value (sk-...) is in this answer only",
            description = "scopes: execute, read_library, metrics (administrators only) (default: execute and read_library). expires_at: a date (the key stops working when "
                    + "that day starts, UTC) or a time; or expires_in_days; neither: the key does not expire. "
                    + "A user may have as many keys as their tier's max_api_keys.")
    ApiKeyViews.Created create(@AuthenticationPrincipal Caller caller, @RequestBody ApiKeyRequests.Create request) {
        return keys.create(caller, request);
    }

    @GetMapping("/api-keys")
    @SignedInUser
    @Operation(summary = "The caller's API keys, newest first, without their values")
    List<ApiKeyViews.Info> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Integer skip,
                                @RequestParam(required = false) Integer limit) {
        return keys.list(caller, Page.of(skip, limit, 100)).stream().map(ApiKeyViews.Info::of).toList();
    }

    @PutMapping("/api-keys/{key_id}/toggle")
    @SignedInUser
    @Operation(summary = "Disable an API key, or enable it again")
    ApiKeyViews.Toggled toggle(@AuthenticationPrincipal Caller caller, @PathVariable("key_id") long keyId) {
        ApiKey key = keys.toggle(caller, keyId);
        return new ApiKeyViews.Toggled(key.id(), key.active(),
                "API key '" + key.keyName() + "' " + (key.active() ? "enabled" : "disabled"));
    }

    @DeleteMapping("/api-keys/{key_id}")
    @SignedInUser
    @Operation(summary = "Delete an API key; it stops working at once")
    Map<String, String> delete(@AuthenticationPrincipal Caller caller, @PathVariable("key_id") long keyId) {
        ApiKey key = keys.delete(caller, keyId);
        return Map.of("message", "API key '" + key.keyName() + "' deleted");
    }
}
