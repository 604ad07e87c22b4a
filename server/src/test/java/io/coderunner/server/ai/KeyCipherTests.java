package io.coderunner.server.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.server.CodeRunnerApplication;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.TestDataDirs;
import java.util.Base64;
import org.springframework.boot.builder.SpringApplicationBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The encryption of users' provider keys, and the server's refusal to start without its key. */
@DatabaseAgnostic
class KeyCipherTests {

    private static KeyCipher cipher(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return new KeyCipher(new AiSettings(Base64.getEncoder().encodeToString(key), false, 60, "", Map.of()));
    }

    @Test
    void aKeyComesBackOnlyForItsUserAndWithTheSameServerKey() {
        KeyCipher cipher = cipher((byte) 1);
        String sealed = cipher.encrypt(7, "sk-secret-value-1234");

        assertThat(sealed).startsWith("v1:").doesNotContain("sk-secret");
        assertThat(cipher.decrypt(7, sealed)).isEqualTo("sk-secret-value-1234");
        assertThat(cipher.encrypt(7, "sk-secret-value-1234")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.decrypt(8, sealed)).as("another user's row").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher((byte) 2).decrypt(7, sealed)).as("another server key")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("encryption-key changed");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A=") ? "B=" : "A=");
        assertThatThrownBy(() -> cipher.decrypt(7, tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAUsableKeyTheServerDoesNotStart() {
        assertThatThrownBy(() -> KeyCipher.load(null)).hasMessageContaining("(CODERUNNER_AI_ENCRYPTION_KEY) is not set")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> KeyCipher.load(" ")).hasMessageContaining("is not set");
        assertThatThrownBy(() -> KeyCipher.load("not base64 !")).hasMessageContaining("must be base64");
        assertThatThrownBy(() -> KeyCipher.load(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("must be 32 bytes");
    }

    @Test
    void theServerRefusesToStartWithoutTheKey() {
        SpringApplicationBuilder server = new SpringApplicationBuilder(CodeRunnerApplication.class);
        String[] arguments = {"--coderunner.data-dir=" + TestDataDirs.create("coderunner-no-ai-key"), "--server.port=0",
                "--coderunner.ai.encryption-key=", "--coderunner.auth.admin-password=admin-Secret-42",
                "--coderunner.sandbox.slots=1", "--coderunner.database-url="};

        assertThatThrownBy(() -> server.run(arguments).close()).hasRootCauseMessage(
                "coderunner.ai.encryption-key (CODERUNNER_AI_ENCRYPTION_KEY) is not set: users' AI provider keys are stored "
                        + "encrypted with it. Make one with `openssl rand -base64 32`, keep it apart from the database, and "
                        + "set it before starting the server");
    }
}
