package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.system.CodeRunnerSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.TargetEventPublication;

/**
 * Deleting a user removes all of them: the database's cascade takes their rows, and each module
 * that keeps something of theirs elsewhere removes it on {@link UserDeleted} (workspace files,
 * terminal directories and logs, avatar files, environment directories, community counters),
 * leaving everyone else's alone. A module that cannot do its part yet leaves its publication of the
 * event incomplete in the registry, and does it when the publication is handed back.
 */
class UserDeletionTests extends ServerTest {

    private static final Duration CLEAN_UP = Duration.ofSeconds(30);

    @Autowired
    CodeRunnerSettings settings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventPublicationRegistry registry;

    /** What a user was given, and where each module keeps it on disk. */
    private record Holdings(long id, ApiClient client, Path workspace, Path project, String sessionId, Path sessionLog,
                            Path avatar, long environmentId, Path environment, long postId) {
    }

    private Holdings userWithEverything(String name) throws IOException {
        String unique = name + "-" + Long.toString(System.nanoTime(), 36);
        ApiClient user = newUser(unique);
        long id = user.get("/users/me").json().get("id").asLong();
        Path data = settings.dataDir().toAbsolutePath();

        assertThat(user.postJson("/workspace/projects", Map.of("name", "analysis")).status()).isEqualTo(200);
        assertThat(user.putJson("/workspace/projects/analysis/data/content", Map.of("path", "src/main.py", "content", "print(1)\n"))
                .status()).isEqualTo(200);
        Path workspace = data.resolve("workspaces").resolve(Long.toString(id));

        ApiClient.Response session = user.postJson("/ccresearch/sessions", Map.of("title", "held"));
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        String sessionId = session.json().get("id").asString();
        Path sessionLog = data.resolve("terminals").resolve(sessionId).resolve("terminal.log");

        ApiClient.Response avatar = user.postMultipart("/profile/upload-avatar", "file", "me.png", "image/png", png());
        assertThat(avatar.status()).as(avatar.body()).isEqualTo(200);
        String url = avatar.json().get("avatar_url").asString();
        Path avatarFile = data.resolve("avatars").resolve(url.substring(url.lastIndexOf('/') + 1));

        ApiClient.Response environment = user.postJson("/user-environments", Map.of("name", "tools"));
        assertThat(environment.status()).as(environment.body()).isEqualTo(200);
        long environmentId = environment.json().get("id").asLong();

        assertThat(user.postJson("/api-keys", Map.of("key_name", "runner", "scopes", List.of("execute"))).status()).isEqualTo(200);
        assertThat(user.postJson("/code-library", Map.of("title", "hello", "code", "print('hi')", "language", "python"))
                .status()).isEqualTo(200);
        ApiClient.Response post = user.postJson("/community/posts", Map.of("title", "mine", "content", "about me", "is_public", true));
        assertThat(post.status()).as(post.body()).isEqualTo(200);

        Holdings held = new Holdings(id, user, workspace, workspace.resolve("analysis"), sessionId, sessionLog, avatarFile,
                environmentId, data.resolve("environments").resolve(Long.toString(environmentId)), post.json().get("id").asLong());
        assertThat(held.project().resolve("src/main.py")).isRegularFile();
        assertThat(held.sessionLog()).isRegularFile();
        assertThat(held.avatar()).isRegularFile();
        assertThat(held.environment()).isDirectory();
        return held;
    }

    @Test
    void deletingAUserRemovesTheirFilesAndRowsInEveryModuleAndNoOneElses() throws IOException {
        Holdings doomed = userWithEverything("doomed");
        Holdings bystander = userWithEverything("bystander");
        assertThat(doomed.client().postJson("/community/posts/" + bystander.postId() + "/like", Map.of()).status()).isEqualTo(200);
        assertThat(doomed.client().postJson("/community/posts/" + bystander.postId() + "/comments", Map.of("content", "nice"))
                .status()).isEqualTo(200);
        assertThat(post(bystander).get("like_count").asLong()).isEqualTo(1);

        ApiClient admin = admin();
        assertThat(admin.delete("/admin/users/" + doomed.id()).status()).isEqualTo(200);

        // Rows: gone with the user, in the deleting transaction.
        for (String table : List.of("api_keys", "code_library", "posts", "comments", "post_likes", "user_profiles",
                "workspace_projects", "terminal_sessions", "user_environments")) {
            assertThat(rowsOf(table, doomed.id())).as(table + " of the deleted user").isZero();
        }
        for (String table : List.of("api_keys", "code_library", "posts", "user_profiles", "workspace_projects",
                "terminal_sessions", "user_environments")) {
            assertThat(rowsOf(table, bystander.id())).as(table + " of another user").isPositive();
        }
        // The system log says who deleted whom, written with the deletion.
        assertThat(admin.get("/admin/logs?action=admin_delete_user&limit=500").json().valueStream()
                .anyMatch(row -> row.get("resource_id").asString().equals(Long.toString(doomed.id()))
                        && row.get("details").asString().contains("doomed-"))).isTrue();

        // Each module's own part, after the commit.
        await("workspace files").atMost(CLEAN_UP).until(() -> !exists(doomed.workspace()));
        await("terminal directory and log").atMost(CLEAN_UP).until(() -> !exists(doomed.sessionLog().getParent()));
        await("avatar file").atMost(CLEAN_UP).until(() -> !exists(doomed.avatar()));
        await("environment directory").atMost(CLEAN_UP).until(() -> !exists(doomed.environment()));
        await("community counters").atMost(CLEAN_UP).until(() -> post(bystander).get("like_count").asLong() == 0
                && post(bystander).get("comment_count").asLong() == 0);
        await("the event's publications all completed").atMost(CLEAN_UP).until(() -> publications(doomed.id()).isEmpty());

        // Everyone else's, untouched.
        assertThat(bystander.project().resolve("src/main.py")).isRegularFile();
        assertThat(bystander.sessionLog()).isRegularFile();
        assertThat(bystander.avatar()).isRegularFile();
        assertThat(bystander.environment()).isDirectory();
        assertThat(bystander.client().get("/workspace/projects/analysis/data/content?path=src%2Fmain.py").json()
                .get("content").asString()).isEqualTo("print(1)\n");
        assertThat(bystander.client().get("/ccresearch/sessions/" + bystander.sessionId()).status()).isEqualTo(200);
        assertThat(bystander.client().get("/user-environments/" + bystander.environmentId()).status()).isEqualTo(200);
        assertThat(bystander.client().delete("/ccresearch/sessions/" + bystander.sessionId()).status()).isEqualTo(200);
    }

    @Test
    void aCleanUpThatCannotHappenYetStaysIncompleteAndCompletesWhenRetried() throws Exception {
        Holdings stuck = userWithEverything("stuck");
        // A file nothing may remove (immutable): the workspace clean-up fails until it is mutable again.
        Path pinned = stuck.project().resolve("src/main.py");
        chattr("+i", pinned);
        try {
            assertThat(admin().delete("/admin/users/" + stuck.id()).status()).isEqualTo(200);

            // The other modules finish; the workspaces' publication stays incomplete, and is tried again.
            await().atMost(CLEAN_UP).until(() -> !exists(stuck.environment()) && !exists(stuck.avatar())
                    && !exists(stuck.sessionLog().getParent()));
            await("retried while it fails").atMost(CLEAN_UP).until(() -> publications(stuck.id()).stream()
                    .anyMatch(p -> p.getTargetIdentifier().getValue().equals("workspaces.user-deleted")
                            && p.getCompletionAttempts() >= 2));
            List<TargetEventPublication> left = publications(stuck.id());
            assertThat(left).extracting(p -> p.getTargetIdentifier().getValue()).containsExactly("workspaces.user-deleted");
            assertThat(left.get(0).getStatus()).isIn(EventPublication.Status.FAILED, EventPublication.Status.RESUBMITTED);
            assertThat(pinned).isRegularFile();
        } finally {
            chattr("-i", pinned);
        }
        // Now deletable: the next retry completes the publication, and the files are gone.
        await("completed on retry").atMost(CLEAN_UP).until(() -> publications(stuck.id()).isEmpty());
        assertThat(exists(stuck.workspace())).isFalse();
    }

    /** The deletion's publications not yet completed. */
    private List<TargetEventPublication> publications(long userId) {
        return registry.findIncompletePublications().stream()
                .filter(p -> p.getEvent() instanceof UserDeleted deleted && deleted.userId() == userId)
                .toList();
    }

    private tools.jackson.databind.JsonNode post(Holdings owner) {
        return owner.client().get("/community/posts/" + owner.postId()).json();
    }

    private long rowsOf(String table, long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE user_id = ?").param(userId).query(Long.class).single();
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static void chattr(String flag, Path file) throws Exception {
        assertThat(new ProcessBuilder("chattr", flag, file.toString()).inheritIO().start().waitFor()).isZero();
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
