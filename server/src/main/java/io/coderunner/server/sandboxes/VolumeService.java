package io.coderunner.server.sandboxes;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.ProblemCodes;
import io.coderunner.server.security.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Volumes: named persistent folders of an owner, of a bounded size, mounted into their sandboxes.
 * As many as the owner's tier keeps sandboxes, each at most its sandbox disk size.
 */
@Service
public class VolumeService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final String READY = "ready";

    private final VolumeStore store;
    private final VolumeStorage storage;
    private final SandboxStore sandboxes;
    private final Accounts accounts;
    private final Clock clock;

    VolumeService(VolumeStore store, VolumeStorage storage, SandboxStore sandboxes, Accounts accounts, Clock clock) {
        this.store = store;
        this.storage = storage;
        this.sandboxes = sandboxes;
        this.accounts = accounts;
        this.clock = clock;
    }

    public VolumeView create(Caller caller, String name, Integer sizeMb) {
        SandboxOwner owner = SandboxOwner.of(caller);
        Tier tier = accounts.tierOf(caller);
        Tier.SandboxLimits limits = tier.sandboxes();
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new BadRequestException("name must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        int size = sizeMb == null ? Math.min(1024, limits.diskMb()) : sizeMb;
        if (size < 16) {
            throw new BadRequestException("size_mb must be at least 16, was " + size);
        }
        if (size > limits.diskMb()) {
            throw new ForbiddenException(ProblemCodes.SANDBOX_LIMIT, "size_mb may be at most " + limits.diskMb() + " on the "
                    + tier.name() + " tier, was " + size, Map.of("limit", "volume_size_mb", "allowed", limits.diskMb(), "tier", tier.name()));
        }
        synchronized (this) {
            if (store.findByName(owner, name.strip()).isPresent()) {
                throw new ConflictException("a volume named " + name.strip() + " exists already");
            }
            if (limits.total() >= 0 && store.ofOwner(owner).size() >= limits.total()) {
                throw new ForbiddenException(ProblemCodes.SANDBOX_LIMIT, "the " + tier.name() + " tier keeps at most " + limits.total()
                        + " volumes", Map.of("limit", "volumes_total", "allowed", limits.total(), "tier", tier.name()));
            }
            String id = UUID.randomUUID().toString();
            long now = clock.millis();
            storage.create(id, size);
            VolumeStore.Volume volume = new VolumeStore.Volume(id, owner, name.strip(), size, READY, now, now, null);
            store.insert(volume);
            return view(volume);
        }
    }

    public List<VolumeView> list(Caller caller) {
        return store.ofOwner(SandboxOwner.of(caller)).stream().map(this::view).toList();
    }

    public VolumeView get(Caller caller, String idOrName) {
        return view(owned(SandboxOwner.of(caller), idOrName));
    }

    /** Deletes the volume and its files; refused while a started sandbox mounts it. */
    public void delete(Caller caller, String idOrName) {
        VolumeStore.Volume volume = owned(SandboxOwner.of(caller), idOrName);
        List<String> mounting = sandboxes.ofOwner(volume.owner()).stream()
                .filter(s -> s.state() != SandboxState.STOPPED && s.state() != SandboxState.ARCHIVED && s.state() != SandboxState.ERROR)
                .filter(s -> s.volumes().stream().anyMatch(v -> v.volume().equals(volume.id())))
                .map(SandboxRecord::name).toList();
        if (!mounting.isEmpty()) {
            throw new ConflictException("the volume is mounted in " + String.join(", ", mounting) + ": stop those sandboxes first");
        }
        store.delete(volume.id());
        storage.delete(volume.id());
    }

    /** The owner's volume of that id or name; 404 for anyone else's. */
    VolumeStore.Volume owned(SandboxOwner owner, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new NotFoundException("volume not found");
        }
        return store.find(idOrName).filter(v -> v.owner().equals(owner)).or(() -> store.findByName(owner, idOrName.strip()))
                .orElseThrow(() -> new NotFoundException("volume " + idOrName + " not found"));
    }

    private VolumeView view(VolumeStore.Volume v) {
        return new VolumeView(v.id(), v.name(), v.state(), v.sizeMb(), storage.usedBytes(v.id()), v.createdAt(), v.updatedAt(), v.lastUsedAt());
    }
}
