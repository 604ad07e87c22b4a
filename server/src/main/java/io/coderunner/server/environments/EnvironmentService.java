package io.coderunner.server.environments;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Users' environments: made, listed, changed and deleted, each name unique per user, within the tier's number. */
@Service
class EnvironmentService {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final int MAX_DESCRIPTION = 1000;

    private final EnvironmentStore store;
    private final EnvironmentDirectories directories;
    private final EnvironmentUse use;
    private final BaseEnvironments bases;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EnvironmentService(EnvironmentStore store, EnvironmentDirectories directories, EnvironmentUse use, BaseEnvironments bases,
                       Accounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.directories = directories;
        this.use = use;
        this.bases = bases;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** The fields of a new environment, or of a change (null: keep). */
    record Fields(String name, String description, String base, String language, String version, String pythonVersion,
                  Boolean isPublic) {
    }

    StoredEnvironment create(Caller caller, Fields fields) {
        if (fields == null) {
            throw new BadRequestException("request body is required: name, and optionally description, base or language "
                    + "and version, is_public");
        }
        String name = name(fields.name());
        String description = description(fields.description());
        BaseEnvironments.Base base = bases.choose(fields.base(), fields.language(), fields.version(), fields.pythonVersion());
        Tier tier = accounts.tierOf(caller);
        int max = caller.admin() ? Tier.UNLIMITED : tier.maxEnvironments();
        if (store.nameTaken(caller.userId(), name)) {
            throw new ConflictException("you already have an environment named " + name);
        }
        long now = clock.millis();
        long id;
        try {
            id = store.insertWithin(max, caller.userId(), name, description, base.language(), base.version(),
                    Boolean.TRUE.equals(fields.isPublic()), now).orElseThrow(() -> new ConflictException("the " + tier.name()
                    + " tier allows at most " + max + " environment" + (max == 1 ? "" : "s") + ": delete one first"));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConflictException("you already have an environment named " + name);
        }
        try {
            directories.prepare(id);
            base.ecosystem().create(directories.generation(id, 1), base.toolchain());
        } catch (IOException | RuntimeException e) {
            log.error("Environment {} of user {} could not be made: {}", name, caller.userId(), e.getMessage());
            store.delete(id);
            directories.deleteAll(id);
            throw new IllegalStateException("the environment could not be made: " + e.getMessage(), e);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "create_environment", "user_environment", id,
                "name=" + name + " base=" + base.name()));
        return store.find(id).orElseThrow();
    }

    List<StoredEnvironment> own(Caller caller) {
        return store.ofUser(caller.userId());
    }

    List<StoredEnvironment> publicOfOthers(Caller caller) {
        return store.publicOthers(caller.userId());
    }

    List<StoredEnvironment> all(Page page) {
        return store.all(page.limit(), page.skip());
    }

    /** An environment the caller may see: their own, a public one, or any for an administrator. */
    StoredEnvironment readable(Caller caller, long id) {
        return store.find(id).filter(e -> e.ownedBy(caller.userId()) || e.isPublic() || caller.admin())
                .orElseThrow(() -> notFound(Long.toString(id)));
    }

    /** An environment by name for reading: the caller's own first, then a public one. */
    StoredEnvironment readable(Caller caller, String name) {
        return store.findReadable(caller.userId(), name).orElseThrow(() -> notFound(name));
    }

    /** An environment by name whose packages the caller may change: only their own. */
    StoredEnvironment changeable(Caller caller, String name) {
        return store.findOwn(caller.userId(), name).orElseThrow(() -> store.findReadable(caller.userId(), name).isPresent()
                ? new ForbiddenException("environment " + name + " is public but not yours: only its owner changes its packages")
                : notFound(name));
    }

    StoredEnvironment update(Caller caller, long id, Fields fields) {
        StoredEnvironment current = owned(caller, id);
        if (fields == null) {
            throw new BadRequestException("request body is required");
        }
        if ((fields.base() != null && !fields.base().isBlank())
                || (fields.language() != null && !fields.language().isBlank()) || fields.version() != null
                || fields.pythonVersion() != null) {
            BaseEnvironments.Base wanted = bases.choose(fields.base(), fields.language() == null ? current.language() : fields.language(),
                    fields.version(), fields.pythonVersion());
            if (!wanted.language().equals(current.language()) || !wanted.version().equals(current.version())) {
                throw new BadRequestException("an environment's base cannot change (it is "
                        + Ecosystem.ofLanguage(current.language()).orElseThrow().baseName(current.version())
                        + "): make a new environment for another base");
            }
        }
        String name = fields.name() == null ? current.name() : name(fields.name());
        String description = fields.description() == null ? current.description() : description(fields.description());
        boolean isPublic = fields.isPublic() == null ? current.isPublic() : fields.isPublic();
        if (!name.equals(current.name()) && store.nameTaken(current.userId(), name)) {
            throw new ConflictException("you already have an environment named " + name);
        }
        try {
            store.update(id, name, description, isPublic, clock.millis());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConflictException("you already have an environment named " + name);
        }
        return store.find(id).orElseThrow(() -> notFound(Long.toString(id)));
    }

    void delete(Caller caller, long id) {
        StoredEnvironment environment = owned(caller, id);
        deleteNow(caller, environment);
    }

    void deleteAsAdministrator(Caller caller, long id) {
        StoredEnvironment environment = store.find(id).orElseThrow(() -> notFound(Long.toString(id)));
        deleteNow(caller, environment);
    }

    private void deleteNow(Caller caller, StoredEnvironment environment) {
        use.delete(environment.id(), environment.name(), () -> store.delete(environment.id()));
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "delete_environment", "user_environment",
                environment.id(), "name=" + environment.name() + " owner=" + environment.owner()));
    }

    /** The caller's own environment (an administrator may act on any); another's is not found. */
    private StoredEnvironment owned(Caller caller, long id) {
        return store.find(id).filter(e -> e.ownedBy(caller.userId()) || caller.admin())
                .orElseThrow(() -> notFound(Long.toString(id)));
    }

    Path currentDirectory(StoredEnvironment environment) {
        return directories.generation(environment.id(), environment.generation());
    }

    private static NotFoundException notFound(String idOrName) {
        return new NotFoundException("environment " + idOrName + " not found (neither yours nor public)");
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new BadRequestException("name must start with a letter and have at most 64 letters, digits, '.', '_' or '-'");
        }
        return name.strip();
    }

    private static String description(String description) {
        if (description == null) {
            return "";
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new BadRequestException("description may have at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }
}
