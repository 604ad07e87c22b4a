package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the disk a run can fill. When the engine is root, each slot's work directory is its own
 * tmpfs of the run's size (a program that fills it gets ENOSPC, and nothing else on the host does);
 * otherwise the work directory is a plain directory and only the per-file size limit applies.
 */
final class SlotDisk {

    private static final Logger log = LoggerFactory.getLogger(SlotDisk.class);
    private static final int MAX_INODES = 8192;

    private final boolean tmpfs;
    private final Map<Path, Long> mountedSizes = new ConcurrentHashMap<>();

    private SlotDisk(boolean tmpfs) {
        this.tmpfs = tmpfs;
    }

    static SlotDisk forHost(boolean root) {
        return new SlotDisk(root);
    }

    boolean bounded() {
        return tmpfs;
    }

    void prepare(Path workDir, long diskBytes, Integer uid) {
        Slot.deleteContents(workDir);
        if (!tmpfs) {
            return;
        }
        Long mounted = mountedSizes.get(workDir);
        if (mounted != null && mounted == diskBytes) {
            return;
        }
        String options = "size=" + diskBytes + ",nr_inodes=" + MAX_INODES + ",mode=0700"
                + (uid == null ? "" : ",uid=" + uid + ",gid=" + uid);
        if (mounted == null) {
            unmountStale(workDir);
            mount(List.of("mount", "-t", "tmpfs", "-o", "nosuid,nodev," + options, "coderunner-work", workDir.toString()));
        } else {
            mount(List.of("mount", "-o", "remount,nosuid,nodev," + options, workDir.toString()));
        }
        mountedSizes.put(workDir, diskBytes);
    }

    void release(Path workDir) {
        if (mountedSizes.remove(workDir) != null) {
            run(List.of("umount", "-l", workDir.toString()));
        }
    }

    private void unmountStale(Path workDir) {
        try {
            String mounts = Files.readString(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8);
            if (mounts.contains(" " + workDir + " ")) {
                run(List.of("umount", "-l", workDir.toString()));
            }
        } catch (IOException e) {
            log.debug("cannot read /proc/self/mounts", e);
        }
    }

    private static void mount(List<String> command) {
        String error = run(command);
        if (error != null) {
            throw new SandboxException("cannot mount the work directory (" + String.join(" ", command) + "): " + error);
        }
    }

    /** Runs a host command; null when it succeeded, else what it said. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
