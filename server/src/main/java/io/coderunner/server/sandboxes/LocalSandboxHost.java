package io.coderunner.server.sandboxes;

import io.coderunner.engine.Limits;
import io.coderunner.engine.ProcessSpec;
import io.coderunner.engine.Resident;
import io.coderunner.engine.ResidentSpec;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** This server's own machine as a sandbox host: the engine's resident sandboxes over files in the data directory. */
@Component
class LocalSandboxHost implements SandboxHost {

    /** Processes of one sandbox together: enough for a build or a dev server, not a fork bomb. */
    private static final int MAX_PROCESSES = 512;
    /** Most a snapshot taken of a sandbox may hold. */
    private static final long COPY_LIMIT = 16L * 1024 * 1024 * 1024;

    private final Sandbox engine;
    private final LanguageRegistry languages;
    private final SandboxStorage storage;
    private final SnapshotStorage snapshots;
    private final VolumeStorage volumes;
    private final Map<String, Started> started = new ConcurrentHashMap<>();

    LocalSandboxHost(Sandbox engine, LanguageRegistry languages, SandboxStorage storage, SnapshotStorage snapshots,
                     VolumeStorage volumes) {
        this.engine = engine;
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.languages = languages;
        this.storage = storage;
    }

    @Override
    public void create(String id, int hostUid, int diskMb, String snapshotId) {
        storage.create(id, hostUid, diskMb, snapshotId == null ? null : snapshots.files(snapshotId));
    }

    @Override
    public LiveSandbox start(StartPlan plan) {
        long diskBytes = plan.diskMb() * Limits.MIB;
        Limits limits = new Limits(Long.MAX_VALUE, Long.MAX_VALUE, plan.memoryMb() * Limits.MIB, MAX_PROCESSES, Limits.MIB,
                diskBytes, diskBytes, 1024, plan.network());
        java.nio.file.Path home = storage.mount(plan.id());
        List<ResidentSpec.VolumeMount> mounts = new java.util.ArrayList<>();
        List<LiveSandbox.FileRoots.Root> volumeRoots = new java.util.ArrayList<>();
        for (MountedVolume volume : plan.volumes()) {
            java.nio.file.Path data = volumes.data(volume.volumeId());
            mounts.add(new ResidentSpec.VolumeMount(data, volume.mountPath(), volume.readOnly()));
            volumeRoots.add(new LiveSandbox.FileRoots.Root(volume.mountPath(), data, volume.readOnly()));
        }
        ResidentSpec spec = new ResidentSpec(home, toolchains(), limits, plan.cpu(), plan.env(), mounts, null,
                DiskImages.available() ? plan.hostUid() : null);
        Resident resident;
        try {
            resident = engine.openResident(spec);
        } catch (RuntimeException e) {
            storage.unmount(plan.id());
            throw e;
        }
        Started sandbox = new Started(plan.id(), resident, new LiveSandbox.FileRoots(
                new LiveSandbox.FileRoots.Root(ResidentSpec.HOME, home, false), List.copyOf(volumeRoots)));
        started.put(plan.id(), sandbox);
        resident.ended().whenComplete((done, failure) -> started.remove(plan.id(), sandbox));
        return sandbox;
    }

    @Override
    public Optional<LiveSandbox> live(String id) {
        return Optional.ofNullable(started.get(id));
    }

    @Override
    public void stop(String id) {
        Started sandbox = started.remove(id);
        if (sandbox != null) {
            sandbox.resident.close();
        }
        storage.unmount(id);
    }

    @Override
    public void archive(String id) {
        storage.archive(id);
    }

    @Override
    public void restore(String id, int hostUid, int diskMb) {
        storage.restore(id, hostUid, diskMb);
    }

    @Override
    public boolean liesOverSnapshot(String id) {
        return storage.snapshotOf(id) != null;
    }

    @Override
    public boolean isArchived(String id) {
        return storage.archived(id);
    }

    @Override
    public void destroy(String id) {
        stop(id);
        storage.destroy(id);
    }

    @Override
    public void copyHome(String id, java.nio.file.Path target) {
        boolean wasLive = started.containsKey(id);
        java.nio.file.Path home = storage.mount(id);
        try {
            io.coderunner.engine.files.TreeCopy.copy(home, target, COPY_LIMIT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the sandbox's files: " + e.getMessage(), e);
        } finally {
            if (!wasLive && !started.containsKey(id)) {
                storage.unmount(id);
            }
        }
    }

    @Override
    public String build(java.nio.file.Path home, List<String> commands, BuildResources resources, Resident.ProcessListener log) {
        Limits limits = new Limits(Long.MAX_VALUE, Long.MAX_VALUE, resources.memoryMb() * Limits.MIB, MAX_PROCESSES, Limits.MIB,
                resources.diskBytes(), resources.diskBytes(), 1024, resources.network());
        ResidentSpec spec = new ResidentSpec(home, toolchains(), limits, resources.cpu(), Map.of(), List.of(), null);
        try (Resident resident = engine.openResident(spec)) {
            int step = 0;
            for (String command : commands) {
                step++;
                log.stdout(("$ " + command + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Resident.ResidentProcess process = resident.spawn(ProcessSpec.shell(command, null, Map.of()), log);
                process.closeStdin();
                int exit;
                try {
                    exit = process.exited().get(resources.commandTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    process.signal(9);
                    return "command " + step + " took longer than " + resources.commandTimeout().toSeconds() + " seconds";
                } catch (java.util.concurrent.ExecutionException e) {
                    return "command " + step + " could not be started: " + e.getCause().getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "the build was interrupted";
                }
                if (exit != 0) {
                    return "command " + step + " exited with " + exit;
                }
                if (io.coderunner.engine.files.HostileTree.size(home) > resources.diskBytes()) {
                    return "the files grew beyond the disk limit of " + resources.diskBytes() / Limits.MIB + " MB";
                }
            }
            return null;
        }
    }

    @Override
    public long diskBytes(String id) {
        return storage.diskBytes(id);
    }

    /** Every toolchain a sandbox may use: its language's, and the others for what it installs or builds. */
    private List<Language> toolchains() {
        return languages.all().stream().filter(language -> !language.preview()).toList();
    }

    private record Started(String id, Resident resident, FileRoots files) implements LiveSandbox {

        @Override
        public Resident.ResidentProcess spawn(ProcessSpec spec, Resident.ProcessListener listener) {
            return resident.spawn(spec, listener);
        }

        @Override
        public Resident.Tunnel connect(int port, Resident.TunnelListener listener) {
            return resident.connect(port, listener);
        }

        @Override
        public CompletableFuture<Void> ended() {
            return resident.ended();
        }

        @Override
        public long memoryBytes() {
            return resident.memoryBytes();
        }
    }
}
