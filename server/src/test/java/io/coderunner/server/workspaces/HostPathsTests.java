package io.coderunner.server.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import io.coderunner.server.system.CodeRunnerSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a client is told about a run in a project never names where the server keeps its data. */
@DatabaseAgnostic
class HostPathsTests extends ServerTest {

    @Autowired
    CodeRunnerSettings settings;

    @Test
    void aProjectRunThatCannotWriteItsFileDoesNotNameTheDataDirectory() {
        ApiClient user = newUser("host-paths");
        assertThat(user.postJson("/workspace/projects", Map.of("name", "paths")).status()).isEqualTo(200);
        // A folder where the run's file must go: writing main.py fails in the file system.
        assertThat(user.postJson("/workspace/projects/paths/data/folder", Map.of("path", "main.py")).status()).isEqualTo(200);

        ApiClient.Response run = user.postJson("/workspace/projects/paths/run", Map.of("language", "python", "code", "print(1)"));

        String dataDir = settings.dataDir().toAbsolutePath().normalize().toString();
        assertThat(run.body()).as("the answer (%d)", run.status()).doesNotContain(dataDir).doesNotContain("/workspaces/");
        assertThat(run.status()).isLessThan(500);
    }

    @Test
    void inTheSandboxTheProjectIsAtWork() {
        ApiClient user = newUser("host-paths-pwd");
        assertThat(user.postJson("/workspace/projects", Map.of("name", "where")).status()).isEqualTo(200);
        ApiClient.Response run = user.postJson("/workspace/projects/where/run",
                Map.of("language", "python", "code", "import os\nprint(os.getcwd())"));
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("stdout").asString()).isEqualTo("/work\n");
    }
}
