package io.coderunner.server.ai;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts users' provider API keys for the database: AES-256-GCM with a random 96-bit nonce per
 * value, the owner's user id as associated data (a value copied to another user's row does not
 * decrypt), stored as {@code v1:} + base64(nonce + ciphertext + tag).
 *
 * <p>The JDK's own AES-GCM (javax.crypto) is used rather than a library: it is the standard,
 * hardware-accelerated implementation, and one authenticated cipher with a random nonce is all
 * that is needed; a library such as Tink would add its own key format for no gain here.
 */
@Component
class KeyCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    KeyCipher(AiSettings settings) {
        this.key = load(settings.encryptionKey());
    }

    static SecretKey load(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalStateException("coderunner.ai.encryption-key (CODERUNNER_AI_ENCRYPTION_KEY) is not set: users' "
                    + "AI provider keys are stored encrypted with it. Make one with `openssl rand -base64 32`, keep it "
                    + "apart from the database, and set it before starting the server");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coderunner.ai.encryption-key (CODERUNNER_AI_ENCRYPTION_KEY) must be base64 "
                    + "(e.g. from `openssl rand -base64 32`)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("coderunner.ai.encryption-key (CODERUNNER_AI_ENCRYPTION_KEY) must be 32 bytes "
                    + "in base64 (`openssl rand -base64 32`), was " + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    String encrypt(long userId, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(userId));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an API key: " + e.getMessage(), e);
        }
    }

    /** The plain key; fails when the value was made with another key or for another user. */
    String decrypt(long userId, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("stored API key is not in the expected form");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(userId));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored API key cannot be decrypted (was coderunner.ai.encryption-key changed?)");
        }
    }

    private static byte[] associatedData(long userId) {
        return ("ai_configs.user_id=" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
