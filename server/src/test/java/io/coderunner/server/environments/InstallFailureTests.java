package io.coderunner.server.environments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The causes read from pip's and npm's real outputs (install-outputs/, captured by running pip
 * 23.2 and npm 11 against an unresolvable name, a closed port and an index without the package; and
 * pip in the install sandbox against an index it cannot reach).
 */
class InstallFailureTests {

    @ParameterizedTest
    @CsvSource({
            "PYTHON, pip-name-not-known.txt, INDEX_UNREACHABLE",
            "PYTHON, pip-connection-refused.txt, INDEX_UNREACHABLE",
            "PYTHON, pip-sandbox-connect-timeout.txt, INDEX_UNREACHABLE",
            "PYTHON, pip-no-such-package.txt, PACKAGE_NOT_FOUND",
            "PYTHON, pip-index-404.txt, PACKAGE_NOT_FOUND",
            "NODE, npm-enotfound.txt, INDEX_UNREACHABLE",
            "NODE, npm-econnrefused.txt, INDEX_UNREACHABLE",
            "NODE, npm-e404.txt, PACKAGE_NOT_FOUND",
    })
    void realOutputsAreClassified(Ecosystem ecosystem, String file, InstallFailure.Cause expected) throws IOException {
        assertThat(InstallFailure.classify(ecosystem, captured(file))).isEqualTo(expected);
    }

    @Test
    void theOtherManagersWordsAndUnrelatedFailuresAreNotTakenForANetworkProblem() throws IOException {
        assertThat(InstallFailure.classify(Ecosystem.NODE, captured("pip-no-such-package.txt"))).isEqualTo(InstallFailure.Cause.OTHER);
        assertThat(InstallFailure.classify(Ecosystem.PYTHON, "ERROR: Invalid requirement: 'x>>1'")).isEqualTo(InstallFailure.Cause.OTHER);
        assertThat(InstallFailure.classify(Ecosystem.NODE, "npm error code EACCES")).isEqualTo(InstallFailure.Cause.OTHER);
        assertThat(InstallFailure.classify(Ecosystem.PYTHON, null)).isEqualTo(InstallFailure.Cause.OTHER);
    }

    @Test
    void theMessageNamesTheIndexThatWasTried() {
        assertThat(InstallFailure.unreachable(Ecosystem.PYTHON, List.of()))
                .isEqualTo("the package index could not be reached (no network to https://pypi.org/simple)");
        assertThat(InstallFailure.unreachable(Ecosystem.NODE, List.of("http://mirror.example/npm/")))
                .isEqualTo("the package index could not be reached (no network to http://mirror.example/npm/)");
    }

    private static String captured(String name) throws IOException {
        try (InputStream in = InstallFailureTests.class.getResourceAsStream("/install-outputs/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
