package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.CodeRunnerApplication;
import io.coderunner.server.ServerTest;
import io.coderunner.server.TestDataDirs;
import io.coderunner.server.TestDatabase;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nothing a module still had to do is lost when the server stops: a deleted user's workspace
 * that could not be removed yet (an immutable file in it) is removed by the next server started on
 * the same data, which hands the incomplete publication back at start. Periodic retries are set an
 * hour apart here, so only the restart can have done it.
 */
class EventsAfterRestartTests {

    @Test
    void anIncompleteCleanUpIsDoneByTheNextServer() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("coderunner.data-dir", TestDataDirs.create("coderunner-restart-tests").toString());
        settings.put("coderunner.events.retry-interval", "1h");
        settings.put("server.port", "0");
        TestDatabase.register((name, value) -> settings.put(name, value.get()));

        Path pinned;
        Path workspace;
        try (ConfigurableApplicationContext first = start(settings)) {
            ApiClient api = new ApiClient(port(first));
            api.postJson("/register", Map.of("username", "leaving", "email", "leaving@example.com", "password", "password-leaving-1"));
            String token = api.postJson("/login", Map.of("username", "leaving", "password", "password-leaving-1"))
                    .json().get("access_token").asString();
            ApiClient user = api.withToken(token);
            long id = user.get("/users/me").json().get("id").asLong();
            assertThat(user.postJson("/workspace/projects", Map.of("name", "kept")).status()).isEqualTo(200);
            assertThat(user.putJson("/workspace/projects/kept/data/content", Map.of("path", "main.py", "content", "print(1)\n"))
                    .status()).isEqualTo(200);
            workspace = Path.of((String) settings.get("coderunner.data-dir")).toAbsolutePath().resolve("workspaces")
                    .resolve(Long.toString(id));
            pinned = workspace.resolve("kept/main.py");
            chattr("+i", pinned);

            ApiClient admin = api.withToken(api.postJson("/login", Map.of("username", "admin", "password", ServerTest.ADMIN_PASSWORD))
                    .json().get("access_token").asString());
            assertThat(admin.delete("/admin/users/" + id).status()).isEqualTo(200);
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            await("the workspace's clean-up failed once").atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT COUNT(*) FROM event_publication WHERE listener_id = 'workspaces.user-deleted' AND completion_attempts >= 1")
                    .query(Long.class).single() == 1);
        }
        // The first server is gone: the file may go now, by the next server's hand.
        chattr("-i", pinned);
        assertThat(Files.exists(workspace, LinkOption.NOFOLLOW_LINKS)).isTrue();

        try (ConfigurableApplicationContext second = start(settings)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await("done by the next server").atMost(Duration.ofSeconds(30))
                    .until(() -> !Files.exists(workspace, LinkOption.NOFOLLOW_LINKS));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT COUNT(*) FROM event_publication")
                    .query(Long.class).single() == 0);
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> settings) {
        // As arguments: they take precedence over the application's own properties files.
        return new SpringApplicationBuilder(CodeRunnerApplication.class).profiles("test")
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static void chattr(String flag, Path file) throws Exception {
        assertThat(new ProcessBuilder("chattr", flag, file.toString()).inheritIO().start().waitFor()).isZero();
    }
}
