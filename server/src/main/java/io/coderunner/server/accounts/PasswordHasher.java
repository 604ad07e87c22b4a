package io.coderunner.server.accounts;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id (Spring Security's encoder, with the parameters it recommends since 5.8: 16 MiB, two
 * passes). A sign-in with an unknown name still pays one hash, so that timing does not tell
 * which names exist.
 */
@Component
class PasswordHasher {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String decoy = encoder.encode("decoy-password-never-matches-1");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return password != null && encoder.matches(password, hash);
    }

    void spendTimeOfOneCheck(String password) {
        encoder.matches(password == null ? "" : password, decoy);
    }
}
