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

    private final Sandbox engine;
    private final LanguageRegistry languages;
    private final SandboxStorage storage;
    private final Map<String, Started> started = new ConcurrentHashMap<>();

    LocalSandboxHost(Sandbox engine, LanguageRegistry languages, SandboxStorage storage) {
        this.engine = engine;
        this.languages = languages;
        this.storage = storage;
    }

    @Override
    public void create(String id, int hostUid, int diskMb, String snapshotId) {
        if (snapshotId != null) {
            throw new IllegalArgumentException("snapshots are not kept on this host yet");
        }
        storage.create(id, hostUid, diskMb, null);
    }

    @Override
    public LiveSandbox start(StartPlan plan) {
        long diskBytes = plan.diskMb() * Limits.MIB;
        Limits limits = new Limits(Long.MAX_VALUE, Long.MAX_VALUE, plan.memoryMb() * Limits.MIB, MAX_PROCESSES, Limits.MIB,
                diskBytes, diskBytes, 1024, plan.network());
        java.nio.file.Path home = storage.mount(plan.id());
        ResidentSpec spec = new ResidentSpec(home, toolchains(), limits, plan.cpu(), plan.env(), List.of(), null);
        Resident resident;
        try {
            resident = engine.openResident(spec);
        } catch (RuntimeException e) {
            storage.unmount(plan.id());
            throw e;
        }
        Started sandbox = new Started(plan.id(), resident, new LiveSandbox.FileRoots(
                new LiveSandbox.FileRoots.Root(ResidentSpec.HOME, home, false), List.of()));
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
    public boolean isArchived(String id) {
        return storage.archived(id);
    }

    @Override
    public void destroy(String id) {
        stop(id);
        storage.destroy(id);
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
