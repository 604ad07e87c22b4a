package io.coderunner.server.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The values of keys: {@code sk-} and 43 URL-safe characters (256 random bits). Only the SHA-256
 * of a value is stored: a key is random and long, so a fast hash suffices (no salt or stretching
 * is needed against guessing), and it lets a request's key be found by one indexed lookup.
 */
final class KeyValues {

    static final String PREFIX = "sk-";
    /** How much of a value is kept to show, so that its owner can tell keys apart. */
    static final int DISPLAY_LENGTH = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyValues() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean looksLikeKey(String value) {
        return value.startsWith(PREFIX);
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String displayPrefix(String value) {
        return value.substring(0, Math.min(DISPLAY_LENGTH, value.length()));
    }
}
