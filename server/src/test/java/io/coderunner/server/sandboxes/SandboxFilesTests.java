package io.coderunner.server.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file API over a sandbox's roots on a temporary directory, with links and FIFOs planted the
 * way a sandbox's processes could plant them. Runs as root, like the server.
 */
class SandboxFilesTests {

    private static final int SANDBOX_UID = 54321;

    @TempDir
    Path temp;
    Path home;
    Path data;
    Path outside;
    SandboxFiles files;

    @BeforeEach
    void roots() throws IOException {
        home = Files.createDirectory(temp.resolve("home"));
        data = Files.createDirectory(temp.resolve("data"));
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "host secret");
        Files.writeString(data.resolve("shared.txt"), "read me");
        // The sandbox's uid owns its home, as the engine lends it while the sandbox is started.
        Files.setAttribute(home, "unix:uid", SANDBOX_UID);
        files = new SandboxFiles(new LiveSandbox.FileRoots(new LiveSandbox.FileRoots.Root("/home/user", home, false),
                List.of(new LiveSandbox.FileRoots.Root("/data", data, true))), 1024 * 1024, () -> size(home));
    }

    @Test
    void uploadedFilesAreListedReadAndBelongToTheSandbox() throws IOException {
        List<SandboxFileEntry> written = files.upload(List.of(upload("/home/user/src/app/main.py", "print(1)\n"),
                upload("notes.txt", "hello")));
        assertThat(written).extracting(SandboxFileEntry::path).containsExactly("/home/user/src/app/main.py", "/home/user/notes.txt");

        Path main = home.resolve("src/app/main.py");
        assertThat(Files.readString(main)).isEqualTo("print(1)\n");
        assertThat(Files.getAttribute(main, "unix:uid")).isEqualTo(SANDBOX_UID);
        assertThat(Files.getAttribute(home.resolve("src"), "unix:uid")).isEqualTo(SANDBOX_UID);
        assertThat(Files.getAttribute(home.resolve("src/app"), "unix:gid")).isEqualTo(SANDBOX_UID);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(main))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("src")))).isEqualTo("rwxr-xr-x");

        SandboxFiles.Listing top = files.list("/home/user", 1);
        assertThat(top.entries()).extracting(SandboxFileEntry::name).containsExactly("notes.txt", "src");
        assertThat(files.list(null, 3).entries()).extracting(SandboxFileEntry::path).containsExactly(
                "/home/user/notes.txt", "/home/user/src", "/home/user/src/app", "/home/user/src/app/main.py");

        SandboxFileEntry info = files.info("/home/user/src/app/main.py");
        assertThat(info.isDir()).isFalse();
        assertThat(info.size()).isEqualTo(9);
        assertThat(info.mode()).isEqualTo("0644");
        assertThat(info.permissions()).isEqualTo("-rw-r--r--");
        assertThat(info.owner()).isEqualTo(Integer.toString(SANDBOX_UID));
        assertThat(info.modTime()).endsWith("Z");
        assertThat(files.info("src").permissions()).isEqualTo("drwxr-xr-x");

        SandboxFiles.Download download = files.open("/home/user/notes.txt");
        try (InputStream in = download.content()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(download.size()).isEqualTo(5);
    }

    @Test
    void anUploadReplacesAFileKeepingItsModeAndNeverWritesThroughALink() throws IOException {
        files.upload(List.of(upload("run.sh", "echo 1")));
        files.setPermissions("run.sh", "755", null, null);
        files.upload(List.of(upload("run.sh", "echo 2")));
        assertThat(Files.readString(home.resolve("run.sh"))).isEqualTo("echo 2");
        assertThat(files.info("run.sh").mode()).isEqualTo("0755");

        Files.createSymbolicLink(home.resolve("planted"), outside.resolve("secret.txt"));
        files.upload(List.of(upload("planted", "mine")));
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("host secret");
        assertThat(Files.isSymbolicLink(home.resolve("planted"))).isFalse();
        assertThat(Files.readString(home.resolve("planted"))).isEqualTo("mine");
        try (var left = Files.list(home)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".upload-"));
        }
    }

    @Test
    void aLinkToEtcIsShownAsALinkAndNeverFollowed() throws IOException {
        Files.createSymbolicLink(home.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(home.resolve("secret"), outside.resolve("secret.txt"));

        assertThat(files.list("", 5).entries()).extracting(SandboxFileEntry::name, SandboxFileEntry::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("etc", "link"), org.assertj.core.groups.Tuple.tuple("secret", "link"));
        assertThat(files.info("etc").permissions()).startsWith("l");
        assertThat(files.info("etc").isDir()).isFalse();

        assertThatThrownBy(() -> files.open("etc/passwd")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.open("secret")).isInstanceOf(BadRequestException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> files.info("etc/passwd")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.list("etc", 1)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> files.upload(List.of(upload("etc/evil.conf", "x")))).isInstanceOf(BadRequestException.class);
        assertThat(Files.exists(Path.of("/etc/evil.conf"))).isFalse();
        assertThatThrownBy(() -> files.createFolder("etc/sub", null)).isInstanceOf(RuntimeException.class);
        assertThat(Files.exists(Path.of("/etc/sub"))).isFalse();
        assertThatThrownBy(() -> files.setPermissions("secret", "777", null, null)).isInstanceOf(BadRequestException.class);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside.resolve("secret.txt")))).isNotEqualTo("rwxrwxrwx");
        assertThatThrownBy(() -> files.move("etc/passwd", "passwd")).isInstanceOf(NotFoundException.class);
        assertThat(files.find("", "passwd").files()).isEmpty();
        assertThat(files.search("", "root:", false).matches()).isEmpty();
        assertThat(files.replace(List.of("secret"), "host", "sandbox", false)).first()
                .satisfies(r -> assertThat(r.success()).isFalse());
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("host secret");

        // A link moves and is deleted as itself.
        files.move("secret", "moved-link");
        assertThat(Files.isSymbolicLink(home.resolve("moved-link"))).isTrue();
        files.delete("moved-link", false);
        files.delete("etc", true);
        assertThat(Files.exists(outside.resolve("secret.txt"))).isTrue();
        assertThat(Files.exists(Path.of("/etc/passwd"))).isTrue();
        assertThat(files.list("", 1).entries()).isEmpty();
    }

    @Test
    void aFolderSwappedForALinkBetweenListingAndReadingIsNotFollowed() throws IOException {
        files.upload(List.of(upload("dir/passwd", "sandbox's own")));
        assertThat(files.list("dir", 1).entries()).extracting(SandboxFileEntry::name).containsExactly("passwd");

        // What a process does between two calls: the folder becomes a link to the host's /etc.
        Files.delete(home.resolve("dir/passwd"));
        Files.delete(home.resolve("dir"));
        Files.createSymbolicLink(home.resolve("dir"), Path.of("/etc"));

        assertThatThrownBy(() -> files.open("dir/passwd")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.list("dir", 1)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> files.delete("dir/passwd", false)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.setPermissions("dir/passwd", "777", null, null)).isInstanceOf(RuntimeException.class);
        assertThat(Files.exists(Path.of("/etc/passwd"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/etc/passwd")))).isEqualTo("rw-r--r--");
    }

    @Test
    void pathsStayInsideTheRoots() {
        assertThatThrownBy(() -> files.open("../outside/secret.txt")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("/home/user").hasMessageContaining("/data");
        assertThatThrownBy(() -> files.open("/home/user/../../etc/passwd")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> files.info("/etc")).isInstanceOf(BadRequestException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> files.info("a\0b")).isInstanceOf(BadRequestException.class);

        files.upload(List.of(upload("/home/user/./x/../a.txt", "a")));
        assertThat(home.resolve("a.txt")).hasContent("a");
        assertThat(files.info("/home/user/x/../../user/a.txt").path()).isEqualTo("/home/user/a.txt");
        assertThat(files.info("/data/shared.txt").path()).isEqualTo("/data/shared.txt");
        assertThatThrownBy(() -> files.info("/data/..")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void aReadOnlyRootIsReadButNeverChanged() throws IOException {
        try (InputStream in = files.open("/data/shared.txt").content()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("read me");
        }
        assertThatThrownBy(() -> files.upload(List.of(upload("/data/new.txt", "x")))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> files.delete("/data/shared.txt", false)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> files.createFolder("/data/sub", null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> files.move("/data/shared.txt", "/data/other.txt")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> files.setPermissions("/data/shared.txt", "600", null, null)).isInstanceOf(ForbiddenException.class);
        assertThat(files.replace(List.of("/data/shared.txt"), "read", "write", false).getFirst().success()).isFalse();
        assertThat(data.resolve("shared.txt")).hasContent("read me");
    }

    @Test
    void foldersAreMadeMovedAndDeletedButNeverARoot() throws IOException {
        SandboxFileEntry made = files.createFolder("a/b/c", "700");
        assertThat(made.permissions()).isEqualTo("drwx------");
        assertThat(Files.getAttribute(home.resolve("a/b/c"), "unix:uid")).isEqualTo(SANDBOX_UID);
        assertThat(files.createFolder("a/b/c", "700").isDir()).isTrue();
        files.upload(List.of(upload("file.txt", "f")));
        assertThatThrownBy(() -> files.createFolder("file.txt", null)).isInstanceOf(ConflictException.class);

        files.move("a/b", "b2");
        assertThat(Files.isDirectory(home.resolve("b2/c"))).isTrue();
        assertThatThrownBy(() -> files.move("file.txt", "b2")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> files.move("file.txt", "missing/file.txt")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.move("file.txt", "/data/file.txt")).isInstanceOf(ForbiddenException.class);

        assertThatThrownBy(() -> files.delete("b2", false)).isInstanceOf(BadRequestException.class).hasMessageContaining("recursive");
        files.delete("b2", true);
        assertThat(Files.exists(home.resolve("b2"))).isFalse();
        assertThatThrownBy(() -> files.delete("/home/user", true)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> files.delete("/home/user/x/..", true)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> files.move("/home/user", "elsewhere")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> files.delete("nothing", false)).isInstanceOf(NotFoundException.class);
        assertThat(Files.isDirectory(home)).isTrue();
    }

    @Test
    void modesAreOctalOnlyAndOwnersCannotBeChosen() {
        files.upload(List.of(upload("f", "x")));
        assertThat(files.setPermissions("f", "0600", null, null).permissions()).isEqualTo("-rw-------");
        assertThat(files.setPermissions("f", "0o751", null, null).mode()).isEqualTo("0751");
        assertThatThrownBy(() -> files.setPermissions("f", "4755", null, null)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("setuid");
        assertThatThrownBy(() -> files.setPermissions("f", "rwx", null, null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> files.setPermissions("f", "644", "root", null)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("owner");
        assertThatThrownBy(() -> files.createFolder("d", "99")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", home.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThatThrownBy(() -> files.open("pipe")).isInstanceOf(BadRequestException.class).hasMessageContaining("not a plain file");
        assertThatThrownBy(() -> files.setPermissions("pipe", "600", null, null)).isInstanceOf(BadRequestException.class);
        assertThat(files.search("", "x", false).matches()).isEmpty();
        assertThat(files.info("pipe").type()).isEqualTo("other");
    }

    @Test
    void findMatchesNamesAndSearchMatchesTextSkippingBinaries() throws IOException {
        files.upload(List.of(upload("src/a.py", "import os\n# TODO: one\n"), upload("src/deep/b.py", "x = 1 # TODO two\n"),
                upload("readme.md", "TODO in text"), upload("src/deep/c.txt", "nothing")));
        Files.write(home.resolve("blob.bin"), new byte[] {'T', 'O', 'D', 'O', 0, 1, 2});

        assertThat(files.find("", "*.py").files()).containsExactly("/home/user/src/a.py", "/home/user/src/deep/b.py");
        assertThat(files.find("src", "deep/*.txt").files()).containsExactly("/home/user/src/deep/c.txt");
        assertThatThrownBy(() -> files.find("", "[")).isInstanceOf(BadRequestException.class);

        assertThat(files.search("/home/user", "TODO", false).matches()).extracting(SandboxFiles.Match::file, SandboxFiles.Match::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/home/user/readme.md", 1),
                        org.assertj.core.groups.Tuple.tuple("/home/user/src/a.py", 2),
                        org.assertj.core.groups.Tuple.tuple("/home/user/src/deep/b.py", 1));
        assertThat(files.search("src", "TODO:? (one|two)", true).matches()).hasSize(2);
        assertThat(files.search("src/a.py", "import", false).matches()).singleElement()
                .satisfies(m -> assertThat(m.content()).isEqualTo("import os"));
        assertThatThrownBy(() -> files.search("", "(", true)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void replaceEditsEachFileAndTellsWhichCouldNot() throws IOException {
        files.upload(List.of(upload("a.json", "{\"version\": \"1.0.0\"}"), upload("b.json", "\"version\": \"1.0.0\", \"1.0.0\"")));
        files.setPermissions("a.json", "600", null, null);
        List<SandboxFiles.Replaced> results = files.replace(List.of("a.json", "b.json", "missing.json"), "1.0.0", "1.1.0", false);
        assertThat(results).extracting(SandboxFiles.Replaced::success).containsExactly(true, true, false);
        assertThat(results.get(1).replacements()).isEqualTo(2);
        assertThat(home.resolve("a.json")).hasContent("{\"version\": \"1.1.0\"}");
        assertThat(files.info("a.json").mode()).isEqualTo("0600");
        assertThat(Files.getAttribute(home.resolve("b.json"), "unix:uid")).isEqualTo(SANDBOX_UID);
        files.replace(List.of("b.json"), "\"(\\d)\\.1\\.0\"", "\"$1\"", true);
        assertThat(home.resolve("b.json")).hasContent("\"version\": \"$1\", \"$1\"");
    }

    @Test
    void aHugeFolderIsListedOnlyInPart() throws IOException {
        Path many = Files.createDirectory(home.resolve("many"));
        for (int i = 0; i < SandboxFiles.MAX_LISTED + 20; i++) {
            Files.createFile(many.resolve("f" + i));
        }
        SandboxFiles.Listing listing = files.list("many", 1);
        assertThat(listing.truncated()).isTrue();
        assertThat(listing.entries()).hasSize(SandboxFiles.MAX_LISTED);
        assertThatThrownBy(() -> files.list("many", 0)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> files.list("many/f1", 1)).isInstanceOf(BadRequestException.class).hasMessageContaining("not a folder");
    }

    @Test
    void uploadsPastTheDiskAreRefusedBeforeAnythingIsWritten() {
        byte[] big = new byte[700 * 1024];
        files.upload(List.of(new SandboxFiles.Upload("one.bin", big.length, () -> new ByteArrayInputStream(big))));
        assertThatThrownBy(() -> files.upload(List.of(new SandboxFiles.Upload("two.bin", big.length, () -> new ByteArrayInputStream(big)))))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("disk_mb");
        // A size not told ahead is counted as it is written.
        assertThatThrownBy(() -> files.upload(List.of(new SandboxFiles.Upload("three.bin", -1, () -> new ByteArrayInputStream(big)))))
                .isInstanceOf(ForbiddenException.class);
        assertThat(Files.exists(home.resolve("two.bin"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(home.resolve("three.bin"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    private static SandboxFiles.Upload upload(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new SandboxFiles.Upload(path, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    private static long size(Path root) {
        return io.coderunner.engine.files.HostileTree.size(root);
    }
}
