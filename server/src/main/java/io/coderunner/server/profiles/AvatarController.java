package io.coderunner.server.profiles;

import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Avatars (seed 004): the caller uploads or deletes theirs; anyone may fetch one by its URL. */
@RestController
@Tag(name = "Profile")
class AvatarController {

    /** An avatar's name is never reused, so a copy can be kept; a day, so that a deleted one does not linger long. */
    private static final CacheControl CACHING = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

    private final AvatarService avatars;

    AvatarController(AvatarService avatars) {
        this.avatars = avatars;
    }

    /** The part is optional here so that a caller without an account gets 401 rather than a complaint about the body. */
    @PostMapping("/profile/upload-avatar")
    @SignedInUser
    @Operation(summary = "Upload the caller's avatar (multipart/form-data, part 'file'); it replaces the previous one",
            description = "PNG, JPEG, GIF or WebP, recognised by content; at most coderunner.profiles.max-avatar-bytes "
                    + "(default 2 MB). PNG, JPEG and GIF are stored as a PNG scaled down to at most 512 pixels a side.")
    Map<String, String> upload(@AuthenticationPrincipal Caller caller,
                               @RequestParam(name = "file", required = false) MultipartFile file) {
        String url = avatars.upload(caller, file);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("message", "avatar uploaded");
        answer.put("avatar_url", url);
        return answer;
    }

    @DeleteMapping("/profile/avatar")
    @SignedInUser
    @Operation(summary = "Delete the caller's avatar")
    Map<String, String> delete(@AuthenticationPrincipal Caller caller) {
        avatars.delete(caller);
        return Map.of("message", "avatar deleted");
    }

    @GetMapping("/api/avatars/{filename}")
    @PermitAll
    @Operation(summary = "An avatar image, by the name in its profile's avatar_url")
    ResponseEntity<Resource> serve(@PathVariable String filename) {
        Path file = avatars.find(filename).orElseThrow(() -> new NotFoundException("no such avatar"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(AvatarFiles.contentType(file)))
                .cacheControl(CACHING).body(new FileSystemResource(file));
    }
}
