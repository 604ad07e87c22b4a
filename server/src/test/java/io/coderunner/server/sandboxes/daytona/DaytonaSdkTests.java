package io.coderunner.server.sandboxes.daytona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Daytona TypeScript SDK, unchanged, against the real server: each test runs one script
 * of src/test/daytona/scripts with a key of scope {@code sandboxes} and expects it to end by
 * itself, with exit code 0, printing {@code ok <script>}.
 */
class DaytonaSdkTests extends ServerTest {

    /**
     * Scripts that need what is not on this branch yet, and what that is. Take a script out of
     * here once its feature is in.
     */
    /** Scripts that wait for a feature this server does not have yet, with what they wait for; none today. */
    static final Map<String, String> WAITING_FOR = Map.of();

    private String apiKey;

    @BeforeEach
    void keyOfScopeSandboxes() {
        ApiClient user = newUser("sbx-daytona-sdk-" + Long.toString(System.nanoTime(), 36));
        ApiClient.Response key = user.postJson("/api-keys", Map.of("key_name", "sdk", "scopes", List.of("sandboxes")));
        assertThat(key.status()).as(key.body()).isEqualTo(200);
        apiKey = key.json().get("api_key").asString();
    }

    private void passes(String script) throws Exception {
        assumeFalse(WAITING_FOR.containsKey(script), () -> script + " waits for " + WAITING_FOR.get(script));
        DaytonaSdk.Outcome outcome = DaytonaSdk.script(script, "http://127.0.0.1:" + port + "/daytona/api", apiKey,
                Duration.ofSeconds(90));
        assertThat(outcome.exitedByItself()).as("%s ended by itself; its output:%n%s", script, outcome.output()).isTrue();
        assertThat(outcome.exitCode()).as("%s's exit code; its output:%n%s", script, outcome.output()).isZero();
        assertThat(outcome.output()).contains("ok " + script);
    }

    /** The client is never disposed: with the event channel's handshake done, Node still exits at once. */
    @Test
    void aProgramThatDoesNotDisposeItsClientExitsByItself() throws Exception {
        long started = System.nanoTime();
        passes("exits-without-dispose");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void whatIsMissingOrUnsupportedBecomesTheSdksOwnErrors() throws Exception {
        passes("errors");
    }

    @Test
    void snapshotsAndVolumesAreListed() throws Exception {
        passes("catalog-lists");
    }

    @Test
    void aSandboxIsCreatedRunsCodeAndCommandsStopsStartsWithItsFilesAndIsDeleted() throws Exception {
        passes("sandbox-lifecycle");
    }

    @Test
    void sandboxesAreListedByLabelAndFoundByIdAndNameAndTheirLabelsAndIntervalsChange() throws Exception {
        passes("sandbox-lookup");
    }

    @Test
    void filesAreUploadedListedAndDownloaded() throws Exception {
        passes("files");
    }

    @Test
    void sessionsKeepTheirShellAndGiveTheirLogs() throws Exception {
        passes("sessions");
    }

    @Test
    void aPreviewLinkReachesAServerInTheSandbox() throws Exception {
        passes("preview");
    }

    @Test
    void volumesAreCreatedListedAndMounted() throws Exception {
        passes("volumes");
    }

    @Test
    void snapshotsAreCreatedListedAndStartedFrom() throws Exception {
        passes("snapshots");
    }
}
