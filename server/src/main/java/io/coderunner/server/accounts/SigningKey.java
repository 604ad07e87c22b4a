package io.coderunner.server.accounts;

import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key access tokens are signed with (HMAC-SHA256): the configured secret, or one made at
 * first start and kept, readable by the server only, in the data directory, so that tokens
 * outlive a restart and no installation shares a well-known key.
 */
final class SigningKey {

    private SigningKey() {
    }

    static SecretKey load(AuthSettings auth, CodeRunnerSettings settings) {
        String secret = auth.jwtSecret();
        if (secret == null || secret.isBlank()) {
            secret = stored(settings.dataDir().resolve("jwt-secret"));
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static String stored(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the token signing key " + file + ": " + e.getMessage(), e);
        }
    }
}
