package io.coderunner.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks on {@link HostileTree}, as a program in a sandbox would make them: folders swapped
 * for links to the host mid-walk, FIFOs in place of files (also swapped in at the moment of the
 * open), trees thousands of levels deep, setuid/setgid modes. Real files, no mocks.
 */
class HostileTreeTests {

    /** A uid no one has: what the toolkit gives away must never reach outside. */
    private static final int STRANGER = 54321;

    private Path base;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        base = Files.createTempDirectory("hostile-tree");
        outside = Files.createTempDirectory("hostile-outside");
        Files.writeString(outside.resolve("canary"), "do not touch");
        Files.createDirectory(outside.resolve("inner"));
        Files.writeString(outside.resolve("inner/canary2"), "nor this");
        mode(outside, 0777);
        mode(outside.resolve("canary"), 0666);
        mode(outside.resolve("inner"), 0777);
        mode(outside.resolve("inner/canary2"), 0666);
    }

    @AfterEach
    void tearDown() {
        HostileTree.delete(base);
        HostileTree.delete(outside);
    }

    @Test
    void aFolderSwappedForALinkMidWalkNeverLetsTheToolkitTouchWhatIsOutside() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int i = 0; i < 200 && System.nanoTime() < deadline; i++) {
            Path root = Files.createDirectory(base.resolve("project-" + i));
            Path sub = Files.createDirectories(root.resolve("a/b"));
            for (int f = 0; f < 20; f++) {
                Files.writeString(sub.resolve("file-" + f), "x");
                Files.createDirectory(sub.resolve("dir-" + f));
            }
            mode(sub, 06777);
            AtomicBoolean stop = new AtomicBoolean();
            Thread swapper = Thread.ofPlatform().start(() -> {
                Path real = root.resolve("a/b.real");
                while (!stop.get()) {
                    try {
                        Files.move(sub, real, StandardCopyOption.ATOMIC_MOVE);
                        Files.createSymbolicLink(sub, outside);
                        Thread.onSpinWait();
                        Files.delete(sub);
                        Files.move(real, sub, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException | RuntimeException e) {
                        // The toolkit removed something meanwhile: try again.
                    }
                }
            });
            try {
                ignoringRefusals(() -> HostileTree.normaliseModes(root));
                ignoringRefusals(() -> HostileTree.size(root));
                ignoringRefusals(() -> zip(root, OutputStream.nullOutputStream()));
                ignoringRefusals(() -> HostileTree.walk(root, (relative, name, attrs, folder) -> true));
                ignoringRefusals(() -> HostileTree.changeOwner(root, List.of(), STRANGER));
                Path copy = base.resolve("copy-" + i);
                ignoringRefusals(() -> TreeCopy.copy(root, copy, Long.MAX_VALUE));
                HostileTree.delete(copy);
                ignoringRefusals(() -> HostileTree.createFolders(root, List.of("a", "b", "made")));
                ignoringRefusals(() -> HostileTree.delete(root));
            } finally {
                stop.set(true);
                swapper.join();
            }
            HostileTree.delete(root);
            assertThat(root).doesNotExist();
            assertOutsideUntouched();
        }
    }

    @Test
    void aFifoInPlaceOfAFileIsRefusedWithoutBlocking() throws Exception {
        mkfifo(base.resolve("main.py"));
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            assertThatThrownBy(() -> HostileTree.openPlainFile(base, List.of("main.py")))
                    .isInstanceOf(HostileTree.NotPlainFileException.class)
                    .hasMessageContaining("FIFO");
            List<String> zipped = zip(base, OutputStream.nullOutputStream());
            assertThat(zipped).doesNotContain("main.py");
        });
    }

    @Test
    void aFifoSwappedInAtTheMomentOfTheOpenIsRefusedWithoutBlocking() throws Exception {
        Path file = base.resolve("data.txt");
        Files.writeString(file, "plain");
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = Thread.ofPlatform().start(() -> {
            int n = 0;
            while (!stop.get()) {
                try {
                    Path fifo = base.resolve("fifo-" + n);
                    Path plain = base.resolve("plain-" + n++);
                    mkfifo(fifo);
                    Files.writeString(plain, "plain");
                    Files.move(fifo, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(plain, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException | RuntimeException e) {
                    // Keep swapping.
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        int plain = 0;
        int refused = 0;
        try {
            for (int i = 0; i < 300; i++) {
                {
                    int[] outcome = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                        try (SeekableByteChannel channel = HostileTree.openPlainFile(base, List.of("data.txt"))) {
                            return new int[] {Channels.newInputStream(channel).readNBytes(100).length};
                        } catch (HostileTree.NotPlainFileException e) {
                            return new int[] {-1};
                        } catch (java.nio.file.NoSuchFileException between) {
                            return new int[] {-2}; // renamed at that very moment
                        }
                    });
                    if (outcome[0] == -2) {
                        continue;
                    }
                    if (outcome[0] < 0) {
                        refused++;
                    } else {
                        assertThat(outcome[0]).isEqualTo(5);
                        plain++;
                    }
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertThat(plain + refused).isGreaterThan(0);
    }

    @Test
    void aTreeFiveThousandLevelsDeepIsRefusedByWalksAndDeletedWhole() throws Exception {
        Path root = Files.createDirectory(base.resolve("deep"));
        nest(root, 5000);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertThatThrownBy(() -> HostileTree.walk(root, (relative, name, attrs, folder) -> true))
                    .isInstanceOf(HostileTree.TreeTooLargeException.class)
                    .hasMessageContaining("deeper than " + HostileTree.MAX_DEPTH);
            assertThatThrownBy(() -> HostileTree.size(root)).isInstanceOf(HostileTree.TreeTooLargeException.class);
            assertThatThrownBy(() -> zip(root, OutputStream.nullOutputStream()))
                    .isInstanceOf(HostileTree.TreeTooLargeException.class);
            HostileTree.delete(root);
        });
        assertThat(root).doesNotExist();
    }

    @Test
    void aTreeJustUnderTheDepthBoundIsListedZippedAndMeasured() throws Exception {
        Path root = Files.createDirectory(base.resolve("deep"));
        nest(root, HostileTree.MAX_DEPTH - 10);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<String> zipped = zip(root, OutputStream.nullOutputStream());
            assertThat(zipped).anyMatch(name -> name.endsWith("/bottom.txt"));
            assertThat(HostileTree.size(root)).isEqualTo(7);
            HostileTree.delete(root);
        });
        assertThat(root).doesNotExist();
    }

    @Test
    void setuidSetgidStickyAndGroupWriteModesAreNormalised() throws Exception {
        Path root = Files.createDirectory(base.resolve("modes"));
        Path dir = Files.createDirectory(root.resolve("dir"));
        Path file = Files.writeString(dir.resolve("tool"), "#!/bin/sh\n");
        Path plain = Files.writeString(dir.resolve("notes.txt"), "n");
        mode(root, 06777);
        mode(dir, 07777);
        mode(file, 06777);
        mode(plain, 0666);
        HostileTree.normaliseModes(root);
        assertThat(modeOf(root)).isEqualTo(0755);
        assertThat(modeOf(dir)).isEqualTo(0755);
        assertThat(modeOf(file)).isEqualTo(0755);
        assertThat(modeOf(plain)).isEqualTo(0644);
    }

    @Test
    void deletingRemovesLinksAsThemselvesAndFoldersMadeUnwritable() throws Exception {
        Path root = Files.createDirectory(base.resolve("links"));
        Files.createSymbolicLink(root.resolve("to-outside"), outside);
        Files.createSymbolicLink(root.resolve("to-canary"), outside.resolve("canary"));
        Path locked = Files.createDirectory(root.resolve("locked"));
        Files.writeString(locked.resolve("f"), "f");
        mkfifo(locked.resolve("pipe"));
        mode(locked, 0500);
        HostileTree.delete(root);
        assertThat(root).doesNotExist();
        assertOutsideUntouched();
    }

    // --- helpers ---

    @Test
    void changingOwnersGivesEveryEntryAsItselfAndNeverWhatALinkPointsTo() throws Exception {
        Files.createDirectories(base.resolve("a/b"));
        Files.writeString(base.resolve("a/b/file"), "x");
        Files.createSymbolicLink(base.resolve("a/out"), outside);
        Files.createSymbolicLink(base.resolve("a/canary"), outside.resolve("canary"));
        mkfifo(base.resolve("a/fifo"));

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> HostileTree.changeOwner(base, List.of(), STRANGER));

        for (String entry : List.of("", "a", "a/b", "a/b/file", "a/out", "a/canary", "a/fifo")) {
            assertThat(Files.getAttribute(base.resolve(entry), "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(entry).isEqualTo(STRANGER);
        }
        assertThatThrownBy(() -> HostileTree.changeOwner(base, List.of("a", "out"), STRANGER)).isInstanceOf(java.io.UncheckedIOException.class);
        assertOutsideUntouched();
    }

    @Test
    void foldersAreCreatedStepByStepAndALinkOnTheWayIsRefused() throws Exception {
        HostileTree.createFolders(base, List.of("x", "y", "z"));
        assertThat(base.resolve("x/y/z")).isDirectory();
        Files.createSymbolicLink(base.resolve("planted"), outside);
        assertThatThrownBy(() -> HostileTree.createFolders(base, List.of("planted", "made"))).isInstanceOf(FileSystemException.class);
        Files.createDirectory(base.resolve("p"));
        Files.createSymbolicLink(base.resolve("p/q"), outside);
        assertThatThrownBy(() -> HostileTree.createFolders(base, List.of("p", "q", "made"))).isInstanceOf(FileSystemException.class);
        assertOutsideUntouched();
    }

    @Test
    void aMoveIntoATreeRefusesALinkPlantedUnderTheTargetName() throws Exception {
        Path prepared = Files.createDirectory(base.resolve("prepared"));
        Files.writeString(prepared.resolve("README"), "clone");
        Path into = Files.createDirectory(base.resolve("work"));
        Files.createSymbolicLink(into.resolve("repo"), outside);

        assertThatThrownBy(() -> HostileTree.moveInto(prepared, into, "repo")).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThatThrownBy(() -> HostileTree.moveInto(prepared, into, "../repo")).isInstanceOf(FileSystemException.class);
        assertThat(prepared.resolve("README")).exists();
        assertOutsideUntouched();

        Files.delete(into.resolve("repo"));
        HostileTree.moveInto(prepared, into, "repo");
        assertThat(Files.readString(into.resolve("repo/README"))).isEqualTo("clone");
    }

    @Test
    void aCopyKeepsLinksAsLinksLeavesFifosOutAndIsBounded() throws Exception {
        Path from = Files.createDirectory(base.resolve("env"));
        Files.createDirectories(from.resolve("lib/site"));
        Files.writeString(from.resolve("lib/site/mod.py"), "print(1)");
        mode(from.resolve("lib/site/mod.py"), 06755);
        Files.createSymbolicLink(from.resolve("bin"), Path.of("lib"));
        Files.createSymbolicLink(from.resolve("etc"), outside);
        mkfifo(from.resolve("lib/pipe"));
        Files.setAttribute(from.resolve("lib/site/mod.py"), "unix:uid", STRANGER, LinkOption.NOFOLLOW_LINKS);

        Path to = base.resolve("env-copy");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> TreeCopy.copy(from, to, 1024));

        assertThat(Files.readString(to.resolve("lib/site/mod.py"))).isEqualTo("print(1)");
        assertThat(modeOf(to.resolve("lib/site/mod.py"))).isEqualTo(0755);
        assertThat(Files.getAttribute(to.resolve("lib/site/mod.py"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(STRANGER);
        assertThat(Files.readSymbolicLink(to.resolve("bin"))).isEqualTo(Path.of("lib"));
        assertThat(Files.readSymbolicLink(to.resolve("etc"))).isEqualTo(outside);
        assertThat(to.resolve("etc/canary")).exists(); // the link, copied as a link: nothing of outside copied
        assertThat(to.resolve("etc")).isSymbolicLink();
        assertThat(to.resolve("lib/pipe")).doesNotExist();
        assertOutsideUntouched();

        Path tooLarge = base.resolve("too-large");
        assertThatThrownBy(() -> TreeCopy.copy(from, tooLarge, 4)).isInstanceOf(TreeCopy.CopyTooLargeException.class);
        Path deep = Files.createDirectory(base.resolve("deep"));
        nest(deep, HostileTree.MAX_DEPTH + 10);
        assertThatThrownBy(() -> TreeCopy.copy(deep, base.resolve("deep-copy"), Long.MAX_VALUE))
                .isInstanceOf(HostileTree.TreeTooLargeException.class);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void ignoringRefusals(Action action) throws Exception {
        try {
            action.run();
        } catch (HostileTree.TreeTooLargeException | java.io.UncheckedIOException refused) {
            // Refusing a swapped tree is fine; following the link is not (checked afterwards).
        } catch (FileSystemException refused) {
            // Likewise.
        }
    }

    private void assertOutsideUntouched() throws IOException {
        assertThat(Files.readString(outside.resolve("canary"))).isEqualTo("do not touch");
        assertThat(Files.readString(outside.resolve("inner/canary2"))).isEqualTo("nor this");
        assertThat(modeOf(outside)).isEqualTo(0777);
        assertThat(modeOf(outside.resolve("canary"))).isEqualTo(0666);
        assertThat(modeOf(outside.resolve("inner"))).isEqualTo(0777);
        assertThat(modeOf(outside.resolve("inner/canary2"))).isEqualTo(0666);
        for (Path path : List.of(outside, outside.resolve("canary"), outside.resolve("inner"), outside.resolve("inner/canary2"))) {
            assertThat(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isNotEqualTo(STRANGER);
        }
        assertThat(outside.resolve("made")).doesNotExist();
    }

    /** A ZIP of the tree through the toolkit, as the terminal download does: the names written. */
    private static List<String> zip(Path root, OutputStream out) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            HostileTree.walk(root, (relative, name, attrs, folder) -> {
                if (attrs.isDirectory()) {
                    zip.putNextEntry(new ZipEntry(relative + "/"));
                    zip.closeEntry();
                } else if (attrs.isRegularFile()) {
                    SeekableByteChannel channel;
                    try {
                        channel = folder.openPlainFile(name);
                    } catch (IOException replaced) {
                        return true;
                    }
                    try (InputStream in = Channels.newInputStream(channel)) {
                        zip.putNextEntry(new ZipEntry(relative));
                        in.transferTo(zip);
                        zip.closeEntry();
                        names.add(relative);
                    }
                }
                return true;
            });
        }
        return names;
    }

    /** Folders nested {@code levels} deep (deeper than PATH_MAX allows by name), a file at the bottom. */
    private static void nest(Path root, int levels) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c",
                "import os, sys\nos.chdir(sys.argv[1])\nfor _ in range(int(sys.argv[2])):\n    os.mkdir('d'); os.chdir('d')\n"
                        + "open('bottom.txt', 'w').write('bottom!')\n",
                root.toString(), Integer.toString(levels)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    private static void mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    private static int modeOf(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
