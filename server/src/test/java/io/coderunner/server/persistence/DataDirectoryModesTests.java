package io.coderunner.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.DatabaseAgnostic;
import io.coderunner.server.ServerTest;
import io.coderunner.server.system.CodeRunnerSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every file the server keeps for itself in the data directory — the database and its journals,
 * signing keys, backups, avatars, terminal logs — is readable by the server's user only: sandboxes
 * run under other uids, and a program that escaped its namespaces must find nothing there to read.
 * Only what sandboxes are given on purpose (the engine's slots and shared read-only state,
 * environments, work folders lent to runs) may be open to others.
 */
@DatabaseAgnostic
class DataDirectoryModesTests extends ServerTest {

    /** A server of its own, so that its data directory holds only what this server made. */
    @DynamicPropertySource
    static void ownServer(DynamicPropertyRegistry registry) {
        registry.add("coderunner.test.own-server", () -> "data-directory-modes");
    }

    /** Trees the sandboxes' uids are meant to reach; everything else is private to the server. */
    private static final List<String> SHARED_WITH_SANDBOXES = List.of("sandbox", "environments", "workspaces");

    @Autowired
    CodeRunnerSettings settings;

    @Autowired
    Database database;

    @Test
    void whatTheServerKeepsForItselfIsReadableByItsUserOnly() throws Exception {
        ApiClient user = newUser("modes-owner");
        assertThat(user.postJson("/execute", Map.of("language", "python", "code", "print(1)")).status()).isEqualTo(200);
        assertThat(user.postMultipart("/profile/upload-avatar", "file", "me.png", "image/png", png()).status()).isEqualTo(200);
        ApiClient admin = admin();
        HttpResponse<byte[]> export = HttpClient.newHttpClient().send(
                admin.request("/admin/database/export").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        ApiClient.Response imported = admin.postMultipart("/admin/database/import", "file",
                database.sqlite() ? "export.db" : "export.json", "application/octet-stream", export.body());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        Path root = settings.dataDir();
        List<String> open = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = root.relativize(dir);
                if (relative.getNameCount() == 1 && SHARED_WITH_SANDBOXES.contains(relative.toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (relative.getNameCount() == 3 && relative.getName(0).toString().equals("terminals")
                        && relative.getName(2).toString().equals("work")) {
                    return FileVisitResult.SKIP_SUBTREE; // a terminal's own work folder, lent to its sandbox
                }
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(dir);
                if (modes.contains(PosixFilePermission.OTHERS_READ) || modes.contains(PosixFilePermission.GROUP_READ)
                        || modes.contains(PosixFilePermission.OTHERS_WRITE)) {
                    open.add(relative + "/ " + modes);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                seen.add(root.relativize(file).toString());
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(file);
                if (modes.stream().anyMatch(m -> m.name().startsWith("OTHERS") || m.name().startsWith("GROUP"))) {
                    open.add(root.relativize(file) + " " + modes);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(seen).as("the files checked").contains("jwt-secret")
                .anyMatch(name -> name.startsWith("avatars/")).anyMatch(name -> name.startsWith("backups/"));
        if (database.sqlite()) {
            assertThat(seen).contains("coderunner.db", "coderunner.db-wal");
        }
        assertThat(open).as("files and folders of the data directory that others could read").isEmpty();
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
