package io.coderunner.server.environments;

import io.coderunner.engine.RunEnvironment;
import io.coderunner.server.execution.RunEnvironments;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/** Gives runs their environment: the caller's own or a public one, by id or name, read-only, held until the run ends. */
@Component
class EnvironmentLeases implements RunEnvironments {

    private final EnvironmentStore store;
    private final EnvironmentDirectories directories;
    private final EnvironmentUse use;
    private final BaseEnvironments bases;
    private final Clock clock;

    EnvironmentLeases(EnvironmentStore store, EnvironmentDirectories directories, EnvironmentUse use, BaseEnvironments bases,
                      Clock clock) {
        this.store = store;
        this.directories = directories;
        this.use = use;
        this.bases = bases;
        this.clock = clock;
    }

    @Override
    public Lease open(Caller caller, String idOrName) {
        StoredEnvironment environment = find(caller, idOrName).orElseThrow(() -> new NotFoundException(
                "environment " + idOrName + " not found (neither yours nor public)"));
        BaseEnvironments.Base base = bases.find(environment.language(), environment.version()).orElseThrow(() ->
                new BadRequestException("environment " + environment.name() + " was made from " + environment.language() + " "
                        + environment.version() + ", which this server no longer has"));
        int generation = use.enterRun(environment.id(),
                () -> store.find(environment.id()).map(StoredEnvironment::generation).orElse(-1));
        if (generation < 0) {
            throw new NotFoundException("environment " + idOrName + " not found (it was just deleted)");
        }
        RunEnvironment directory;
        try {
            store.touch(environment.id(), clock.millis());
            directory = base.ecosystem().forRun(directories.generation(environment.id(), generation), base.toolchain());
        } catch (RuntimeException e) {
            use.leaveRun(environment.id());
            throw e;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return new Lease() {
            @Override
            public String language() {
                return environment.language();
            }

            @Override
            public RunEnvironment directory() {
                return directory;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    use.leaveRun(environment.id());
                }
            }
        };
    }

    /** By id when it is a number (names start with a letter), else by name: the caller's own first, then a public one. */
    private Optional<StoredEnvironment> find(Caller caller, String idOrName) {
        if (idOrName.matches("\\d{1,18}")) {
            return store.find(Long.parseLong(idOrName)).filter(e -> e.ownedBy(caller.userId()) || e.isPublic());
        }
        return store.findReadable(caller.userId(), idOrName);
    }
}
