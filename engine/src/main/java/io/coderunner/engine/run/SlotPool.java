package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fixed set of slots; a run waits for a free one. */
final class SlotPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlotPool.class);

    private final List<Slot> slots = new ArrayList<>();
    private final LinkedBlockingQueue<Slot> free = new LinkedBlockingQueue<>();
    private final SlotDisk disk;
    private final Set<Slot> retired = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private static final int CLOSE_WAIT_SECONDS = 10;

    SlotPool(Path root, int size, Integer uidBase) {
        try {
            Files.createDirectories(root);
            // Slot uids must be able to reach nothing here but through the descriptors they are given.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new SandboxException("cannot create sandbox root " + root + ": " + e.getMessage(), e);
        }
        if (uidBase != null) {
            requireReachable(root);
        }
        this.disk = chooseDisk(root, uidBase != null);
        for (int i = 0; i < size; i++) {
            Slot slot = new Slot(i, uidBase == null ? null : uidBase + i, root, disk);
            slots.add(slot);
            free.add(slot);
        }
    }

    /**
     * bubblewrap, running as a slot's unprivileged uid, resolves the work directory's path again
     * even when it is handed an open descriptor, so every directory above it must let others pass.
     */
    private static void requireReachable(Path root) {
        for (Path dir = root.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new SandboxException("the sandbox directory " + root + " is not reachable by the sandbox's "
                            + "unprivileged users: " + dir + " does not let others pass (chmod o+x " + dir
                            + ", or put the data directory elsewhere)");
                }
            } catch (IOException e) {
                throw new SandboxException("cannot read the permissions of " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static SlotDisk chooseDisk(Path root, boolean isRoot) {
        if (!isRoot) {
            log.warn("The engine is not running as root: work directories are not size-bounded tmpfs mounts");
            return SlotDisk.forHost(false);
        }
        SlotDisk tmpfs = SlotDisk.forHost(true);
        Path probe = root.resolve("mount-probe");
        try {
            Files.createDirectories(probe);
            tmpfs.prepare(probe, 1024 * 1024, null);
            tmpfs.release(probe);
            Files.deleteIfExists(probe);
            return tmpfs;
        } catch (IOException | SandboxException e) {
            log.warn("Cannot mount tmpfs work directories ({}): disk use is bounded per file only", e.getMessage());
            return SlotDisk.forHost(false);
        }
    }

    boolean diskBounded() {
        return disk.bounded();
    }

    int size() {
        return slots.size();
    }

    Slot acquire() throws InterruptedException {
        return free.take();
    }

    void release(Slot slot) {
        free.add(slot);
    }

    /** Takes a slot that could not be cleaned out of use for good. */
    void retire(Slot slot) {
        retired.add(slot);
    }

    boolean closed() {
        return closed;
    }

    /**
     * Closes every slot, first waiting a while for those still in use or being cleaned: a slot
     * closed under a run would leave its work directory mounted or its next sandbox started.
     */
    @Override
    public void close() {
        closed = true;
        Set<Slot> back = new HashSet<>(retired);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        try {
            while (back.size() < slots.size()) {
                Slot slot = free.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (slot == null) {
                    break;
                }
                back.add(slot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Slot slot : slots) {
            if (!back.contains(slot)) {
                log.warn("Slot {} is still in use after {} s; closing it anyway", slot.index(), CLOSE_WAIT_SECONDS);
            }
            try {
                slot.close();
            } catch (SandboxException e) {
                log.warn("Slot {} was not cleaned on shutdown: {}", slot.index(), e.getMessage());
            }
        }
    }
}
