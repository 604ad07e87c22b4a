package io.coderunner.server.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.http.BadRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What pip and npm may be asked for: the usual ways to name a package and its version, and nothing else. */
@DatabaseAgnostic
class RequirementsTests {

    @Test
    void pipTakesNamesExtrasAndVersionSpecifiers() {
        List<String> accepted = List.of("requests", "requests==2.31.0", "Django>=4.2,<5", "numpy ~= 1.26", "scikit-learn!=1.3.0",
                "requests[security,socks]>=2", "zope.interface===6.0", "pkg==1.0.*", "pkg>=1.0rc1", " padded ");
        assertThat(Requirements.validate(Ecosystem.PYTHON, accepted)).hasSize(accepted.size()).contains("padded");
    }

    @Test
    void pipRefusesEverythingElse() {
        for (String refused : List.of("--index-url=http://x", "-e .", "-rrequirements.txt", "../pkg", "/abs/pkg.whl", "pkg.whl/",
                "http://x/pkg.whl", "git+https://x/pkg", "pkg @ https://x/pkg.whl", "pkg; python_version<'3'", "pkg==1.0 --pre",
                "pkg\n--index-url=http://x", "pkg==", "pkg[x", "-", "_pkg", "pkg-")) {
            assertThatThrownBy(() -> Requirements.validate(Ecosystem.PYTHON, List.of(refused))).as(refused)
                    .isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void npmTakesNamesWithVersionsRangesAndTags() {
        List<String> accepted = List.of("lodash", "lodash@4.17.21", "lodash@^4.17.0", "lodash@~4.17", "lodash@>=4 <5",
                "@types/node", "@types/node@20.1.0", "react@latest", "left-pad@1.x", "a@1 || 2");
        assertThat(Requirements.validate(Ecosystem.NODE, accepted)).hasSize(accepted.size());
    }

    @Test
    void npmRefusesPathsUrlsAliasesAndOptions() {
        for (String refused : List.of("--registry=http://x", "-g", "file:../x", "./x", "/x.tgz", "x.tgz/", "git+https://x/y.git",
                "github:user/repo", "user/repo", "https://x/y.tgz", "x@file:../y", "x@npm:y@1", "x@git+https://y", "X@1", "@scope")) {
            assertThatThrownBy(() -> Requirements.validate(Ecosystem.NODE, List.of(refused))).as(refused)
                    .isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void packageNamesInPathsAreNamesOnly() {
        assertThat(Requirements.packageName(Ecosystem.PYTHON, "scikit-learn")).isEqualTo("scikit-learn");
        assertThat(Requirements.packageName(Ecosystem.NODE, "@types/node")).isEqualTo("@types/node");
        for (String refused : List.of("--yes", "pkg==1", "../x", "")) {
            assertThatThrownBy(() -> Requirements.packageName(Ecosystem.PYTHON, refused)).isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> Requirements.packageName(Ecosystem.NODE, refused)).isInstanceOf(BadRequestException.class);
        }
    }

    @Test
    void aRequestHasOneToTwentyRequirements() {
        assertThatThrownBy(() -> Requirements.validate(Ecosystem.PYTHON, List.of())).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Requirements.validate(Ecosystem.PYTHON, java.util.Collections.nCopies(21, "pkg")))
                .hasMessageContaining("at most 20");
    }
}
