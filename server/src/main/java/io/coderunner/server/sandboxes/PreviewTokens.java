package io.coderunner.server.sandboxes;

import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The tokens of preview links: an HMAC-SHA256 of the sandbox's id and the port under a secret of
 * the server's, so a token opens that one port of that one sandbox and nothing else, and needs no
 * table. The secret is made at first start and kept, readable by the server only, in the data
 * directory: links outlive a restart, and deleting the file revokes every link at once.
 */
@Component
class PreviewTokens {

    private final SecretKeySpec key;

    PreviewTokens(CodeRunnerSettings settings) {
        this.key = new SecretKeySpec(secret(settings.dataDir().resolve("sandbox-preview-secret")), "HmacSHA256");
    }

    String tokenFor(String sandboxId, int port) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(sandboxId, port));
    }

    /** Whether {@code token} is the one of this sandbox's port; compared in constant time. */
    boolean matches(String token, String sandboxId, int port) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, mac(sandboxId, port));
    }

    private byte[] mac(String sandboxId, int port) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // The purpose is part of what is signed, so that the secret could serve another kind of token safely.
            return mac.doFinal(("sandbox-preview\n" + sandboxId + "\n" + port).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] secret(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getUrlDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random), StandardCharsets.UTF_8);
            return random;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read or create the preview signing secret " + file + ": " + e.getMessage(), e);
        }
    }
}
