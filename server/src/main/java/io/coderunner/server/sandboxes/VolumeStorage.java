package io.coderunner.server.sandboxes;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where volumes' files are: {@code volumes/<id>/disk.img}, an ext4 file system of the volume's size
 * (see {@link DiskImages}), mounted at {@code volumes/<id>/disk/} while this server runs; the
 * volume's files are in its {@code data/} folder. Sandboxes of one owner that mount a volume have
 * uids of their own, so the folder carries default ACLs that give what any of them writes to all
 * of them; only sandboxes that mount it reach it. Without root, a volume is a plain folder.
 */
@Component
class VolumeStorage {

    private final Path root;
    private final boolean images;

    VolumeStorage(CodeRunnerSettings settings) {
        this.root = settings.dataDir().toAbsolutePath().resolve("volumes");
        this.images = DiskImages.available();
    }

    private Path dir(String id) {
        if (!SandboxStorage.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a volume id: " + id);
        }
        return root.resolve(id);
    }

    private Path disk(String id) {
        return dir(id).resolve("disk");
    }

    /** The folder the volume's files are in, mounted (a volume's disk stays mounted while the server runs). */
    synchronized Path data(String id) {
        if (images && !DiskImages.mounted(disk(id))) {
            DiskImages.mount(dir(id).resolve("disk.img"), disk(id));
        }
        return disk(id).resolve("data");
    }

    void create(String id, int sizeMb) {
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(Files.createDirectory(dir(id)), PosixFilePermissions.fromString("rwx--x--x"));
            Files.createDirectory(disk(id));
            if (images) {
                DiskImages.make(dir(id).resolve("disk.img"), sizeMb);
                DiskImages.mount(dir(id).resolve("disk.img"), disk(id));
            }
            Files.setPosixFilePermissions(disk(id), PosixFilePermissions.fromString("rwx--x--x"));
            Path data = Files.createDirectory(disk(id).resolve("data"));
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
            if (images) {
                // Whatever a sandbox makes in it is readable and writable by the others that mount it.
                DiskImages.run(List.of("setfacl", "-m", "u::rwx,g::rwx,o::rwx,d:u::rwx,d:g::rwx,d:o::rwx", data.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the volume: " + e.getMessage(), e);
        }
    }

    long usedBytes(String id) {
        return HostileTree.size(data(id));
    }

    void delete(String id) {
        Path dir = dir(id);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (images) {
                DiskImages.unmount(disk(id));
            }
            HostileTree.delete(dir);
        }
    }
}
