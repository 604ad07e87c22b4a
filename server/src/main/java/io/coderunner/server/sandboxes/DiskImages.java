package io.coderunner.server.sandboxes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * File systems of a fixed size for sandboxes and volumes: a sparse file holding an ext4 file
 * system, mounted through a loop device. A sandbox that fills its disk gets ENOSPC and nothing else
 * on the host does; the file takes only what is written in it. And overlays: a snapshot's files
 * beneath a sandbox's own, so that a sandbox made from a snapshot starts without copying it.
 * Done with the distribution's mkfs.ext4 and mount, which the server, as root, may run.
 */
final class DiskImages {

    private DiskImages() {
    }

    /** Whether this server may make and mount file systems (it runs as root). */
    static boolean available() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A new sparse image of {@code megabytes} with an empty ext4 file system, its root the server's. */
    static void make(Path image, int megabytes) {
        run(List.of("truncate", "--size", megabytes + "M", image.toString()));
        // No journal: a sandbox's disk is its scratch space, and without one it is made and mounted faster.
        // No resize inode: its reserved blocks are 4 MiB of a 10 GiB image written at once, on the host's disk for
        // every sandbox, stopped ones too; a disk is never grown while mounted, which is all they are for.
        run(List.of("mkfs.ext4", "-q", "-F", "-m", "0", "-O", "^has_journal,^resize_inode", "-E", "lazy_itable_init=1,nodiscard,root_owner=0:0",
                image.toString()));
    }

    static void mount(Path image, Path at) {
        run(List.of("mount", "-o", "loop,nosuid,nodev,noatime", image.toString(), at.toString()));
    }

    /**
     * The snapshot's files ({@code lower}, never written) under the sandbox's own ({@code upper}),
     * seen together at {@code at}; what the sandbox changes is copied up into its own layer.
     */
    static void overlay(Path lower, Path upper, Path work, Path at) {
        run(List.of("mount", "-t", "overlay", "overlay", "-o",
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work + ",nosuid,nodev,noatime", at.toString()));
    }

    /** Unmounts what is mounted at {@code at}; nothing when nothing is (or no longer is, by the time umount runs). */
    static void unmount(Path at) {
        if (mounted(at)) {
            try {
                run(List.of("umount", at.toString()));
            } catch (IllegalStateException e) {
                if (mounted(at)) {
                    throw e;
                }
            }
        }
    }

    static boolean mounted(Path at) {
        String target = at.toAbsolutePath().normalize().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length > 4 && unescape(fields[4]).equals(target)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mount table: " + e.getMessage(), e);
        }
    }

    /** mountinfo writes space, tab, newline and backslash in paths as octal escapes. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Bytes of the image's file system in use, as df counts them; -1 when it is not mounted. */
    static long usedBytes(Path mountPoint) {
        try {
            java.nio.file.FileStore store = Files.getFileStore(mountPoint);
            return store.getTotalSpace() - store.getUnallocatedSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " failed: " + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
