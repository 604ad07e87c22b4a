package io.coderunner.server.sandboxes;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.engine.files.TreeCopy;
import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Where this host keeps a sandbox's files, in {@code sandboxes/<id>/} of the data directory:
 * <ul>
 *   <li>{@code disk.img}: the sandbox's disk, an ext4 file system of its disk size (see
 *       {@link DiskImages}), mounted at {@code disk/} while the sandbox is started or its files are
 *       worked on;</li>
 *   <li>in it, {@code home/}: the sandbox's /home/user; or, for a sandbox made from a snapshot,
 *       {@code upper/} and {@code work/}, its own layer over the snapshot's files, seen together at
 *       {@code merged/};</li>
 *   <li>{@code snapshot}: the folder of the snapshot's files the sandbox was made from, if any;</li>
 *   <li>{@code home.tar.gz} instead of all of that once it is archived.</li>
 * </ul>
 * The home belongs to the sandbox's own uid for the sandbox's whole life, so nothing is handed over
 * when it starts or stops. Without root (a development server) there are no images nor overlays:
 * the home is a plain folder, a snapshot is copied into it, and only the file size limit bounds it.
 */
@Component
class SandboxStorage {

    static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Most a snapshot copied into a plain home may hold (development servers only). */
    private static final long MAX_COPY_BYTES = 4L * 1024 * 1024 * 1024;

    private final Path root;
    private final boolean images;

    SandboxStorage(CodeRunnerSettings settings) {
        this.root = settings.dataDir().toAbsolutePath().resolve("sandboxes");
        this.images = DiskImages.available();
    }

    Path dir(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a sandbox id: " + id);
        }
        return root.resolve(id);
    }

    private Path image(String id) {
        return dir(id).resolve("disk.img");
    }

    private Path disk(String id) {
        return dir(id).resolve("disk");
    }

    private Path merged(String id) {
        return dir(id).resolve("merged");
    }

    private Path snapshotMarker(String id) {
        return dir(id).resolve("snapshot");
    }

    Path archiveFile(String id) {
        return dir(id).resolve("home.tar.gz");
    }

    /** Where the sandbox's home is on the host while its disk is mounted. */
    Path home(String id) {
        return snapshotOf(id) != null ? merged(id) : disk(id).resolve("home");
    }

    /**
     * Makes the sandbox's disk and home, owned by {@code uid}; from {@code snapshotFiles} (a
     * snapshot's folder, or null for an empty home). Leaves the disk mounted.
     */
    void create(String id, int uid, int diskMb, Path snapshotFiles) {
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Path dir = Files.createDirectory(dir(id));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.createDirectory(disk(id));
            if (images) {
                DiskImages.make(image(id), diskMb);
                DiskImages.mount(image(id), disk(id));
            }
            Files.setPosixFilePermissions(disk(id), PosixFilePermissions.fromString("rwx--x--x"));
            if (snapshotFiles != null && images) {
                Files.writeString(snapshotMarker(id), snapshotFiles.toString(), StandardCharsets.UTF_8);
                ownFolder(Files.createDirectory(disk(id).resolve("upper")), uid);
                Files.setPosixFilePermissions(Files.createDirectory(disk(id).resolve("work")), PosixFilePermissions.fromString("rwx------"));
                Files.createDirectory(merged(id));
                DiskImages.overlay(snapshotFiles, disk(id).resolve("upper"), disk(id).resolve("work"), merged(id));
            } else if (snapshotFiles != null) {
                Path home = disk(id).resolve("home");
                TreeCopy.copy(snapshotFiles, home, MAX_COPY_BYTES);
                ownFolder(home, uid);
                if (images) {
                    HostileTree.changeOwner(home, List.of(), uid);
                }
            } else {
                ownFolder(Files.createDirectory(disk(id).resolve("home")), uid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the sandbox's disk: " + e.getMessage(), e);
        }
    }

    /** Mounts the sandbox's disk (and its overlay) unless they are; returns its home. */
    synchronized Path mount(String id) {
        if (images) {
            if (!DiskImages.mounted(disk(id))) {
                DiskImages.mount(image(id), disk(id));
            }
            Path lower = snapshotOf(id);
            if (lower != null && !DiskImages.mounted(merged(id))) {
                DiskImages.overlay(lower, disk(id).resolve("upper"), disk(id).resolve("work"), merged(id));
            }
        }
        return home(id);
    }

    /** Unmounts the sandbox's overlay and disk; its processes must be gone. */
    synchronized void unmount(String id) {
        if (images) {
            DiskImages.unmount(merged(id));
            DiskImages.unmount(disk(id));
        }
    }

    /** The snapshot folder the sandbox's files lie over, or null when it has none of its own. */
    Path snapshotOf(String id) {
        Path marker = snapshotMarker(id);
        try {
            return Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
                    ? Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Packs the home into one gzip-compressed tar and removes the disk. Done by tar, which stores
     * links as links and follows none; the sandbox is stopped, so nothing changes the tree meanwhile.
     * A home over a snapshot is packed whole, and is a home of its own when unpacked.
     */
    void archive(String id) {
        Path home = mount(id);
        Path partial = dir(id).resolve("home.tar.gz.partial");
        tar(List.of("tar", "--create", "--gzip", "--numeric-owner", "--file", partial.toString(), "--directory", home.toString(), "."));
        try {
            Files.move(partial, archiveFile(id), StandardCopyOption.ATOMIC_MOVE);
            unmount(id);
            removeDisk(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sandbox's archive: " + e.getMessage(), e);
        }
    }

    /** Unpacks the archive onto a new disk and removes the archive; leaves the disk mounted. */
    void restore(String id, int uid, int diskMb) {
        try {
            removeDisk(id);
            Files.createDirectory(disk(id));
            if (images) {
                DiskImages.make(image(id), diskMb);
                DiskImages.mount(image(id), disk(id));
            }
            Files.setPosixFilePermissions(disk(id), PosixFilePermissions.fromString("rwx--x--x"));
            Path home = ownFolder(Files.createDirectory(disk(id).resolve("home")), uid);
            // Made by this server from a real tree, so no entry leads through a link the archive holds;
            // owners are kept by number: the sandbox's own uid, and the server's for a snapshot's files.
            tar(List.of("tar", "--extract", "--gzip", "--numeric-owner", "--same-owner", "--no-overwrite-dir",
                    "--file", archiveFile(id).toString(), "--directory", home.toString()));
            Files.delete(archiveFile(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the sandbox's archive: " + e.getMessage(), e);
        }
    }

    void destroy(String id) {
        Path dir = dir(id);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            unmount(id);
            HostileTree.delete(dir);
        }
    }

    /** Bytes the sandbox takes on the host's disk now: its files, or its archive. */
    long diskBytes(String id) {
        try {
            if (Files.exists(archiveFile(id), LinkOption.NOFOLLOW_LINKS)) {
                return Files.size(archiveFile(id));
            }
            if (images && DiskImages.mounted(disk(id))) {
                return DiskImages.usedBytes(disk(id));
            }
            Path image = image(id);
            if (Files.exists(image, LinkOption.NOFOLLOW_LINKS)) {
                return allocated(image); // the sparse image's blocks, not its apparent size
            }
            Path home = disk(id).resolve("home");
            return Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS) ? HostileTree.size(home) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    boolean archived(String id) {
        return Files.exists(archiveFile(id), LinkOption.NOFOLLOW_LINKS);
    }

    private void removeDisk(String id) throws IOException {
        unmount(id);
        Files.deleteIfExists(image(id));
        Files.deleteIfExists(snapshotMarker(id));
        for (Path folder : List.of(disk(id), merged(id))) {
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                HostileTree.delete(folder);
            }
        }
    }

    private static long allocated(Path file) throws IOException {
        Process du = new ProcessBuilder("du", "--block-size=1", file.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            du.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out.split("\\s+")[0]);
        } catch (InterruptedException | NumberFormatException e) {
            return 0;
        }
    }

    private Path ownFolder(Path folder, int uid) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        if (images) {
            Files.setAttribute(folder, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(folder, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        return folder;
    }

    private static void tar(List<String> command) {
        DiskImages.run(command);
    }
}
