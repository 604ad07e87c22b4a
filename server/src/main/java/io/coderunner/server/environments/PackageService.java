package io.coderunner.server.environments;

import io.coderunner.engine.OutputFrame;
import io.coderunner.engine.OutputListener;
import io.coderunner.engine.RunResult;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * An environment's packages: listed by the package manager itself, and changed by it inside the
 * sandbox. A change works on a copy of the environment (a new generation); only when the manager
 * succeeded and the copy is within the disk limit does the copy become the environment, so a
 * failed, stopped or oversized install leaves the environment exactly as it was, and runs that
 * started before keep the directory they started with. Changes of one environment take turns.
 */
@Service
class PackageService {

    private final EnvironmentService environments;
    private final EnvironmentStore store;
    private final EnvironmentDirectories directories;
    private final EnvironmentUse use;
    private final PackageManagerRun manager;
    private final EnvironmentSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PackageService(EnvironmentService environments, EnvironmentStore store, EnvironmentDirectories directories,
                   EnvironmentUse use, PackageManagerRun manager, EnvironmentSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.environments = environments;
        this.store = store;
        this.directories = directories;
        this.use = use;
        this.manager = manager;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** The result of an install, upgrade or uninstall (also the last event of a stream). */
    record ChangeResult(boolean success, String message, String environment, String operation, List<String> packages,
                        String status, Integer exitCode, String output, long sizeBytes,
                        // Why it failed (an InstallFailure.Cause code: index_unreachable, package_not_found, disk_limit, other); null on success.
                        String cause) {
    }

    /** seed 004's EnvironmentInfo. */
    record EnvironmentInfo(long id, String name, String owner, String language, String version, String base,
                           boolean isPublic, long sizeBytes, double sizeMb, int packageCount, String createdAt,
                           String lastUsedAt, String path) {
    }

    EnvironmentInfo info(Caller caller, String name) {
        StoredEnvironment environment = environments.readable(caller, name);
        Ecosystem ecosystem = ecosystem(environment);
        Path dir = environments.currentDirectory(environment);
        int count;
        try {
            count = ecosystem.countPackages(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long size = directories.size(dir);
        return new EnvironmentInfo(environment.id(), environment.name(), environment.owner(), environment.language(),
                environment.version(), ecosystem.baseName(environment.version()), environment.isPublic(), size,
                Math.round(size / 10485.76) / 100.0, count, Timestamps.iso(environment.createdAt()),
                Timestamps.iso(environment.lastUsedAt()), Ecosystem.AT);
    }

    /** The packages as the manager lists them, run read-only and offline in the sandbox. */
    List<Ecosystem.PackageInfo> packages(Caller caller, String name) {
        StoredEnvironment environment = environments.readable(caller, name);
        Ecosystem ecosystem = ecosystem(environment);
        int generation = use.enterRun(environment.id(), () -> store.find(environment.id()).map(StoredEnvironment::generation).orElse(-1));
        if (generation < 0) {
            throw new io.coderunner.server.http.NotFoundException("environment " + name + " not found");
        }
        try {
            PackageManagerRun.Outcome outcome = manager.run(ecosystem, directories.generation(environment.id(), generation),
                    false, false, ecosystem.listArgs(), OutputListener.NONE);
            RunResult result = outcome.result();
            // npm ls answers 1 (with its JSON) when the tree has problems; the list is still what is there.
            if (result.stdout().isBlank()) {
                throw new ConflictException("the packages of " + name + " could not be listed: " + reason(result));
            }
            try {
                return ecosystem.parseList(result.stdout());
            } catch (RuntimeException e) {
                throw new ConflictException("the package manager's list of " + name + " could not be read: " + reason(result));
            }
        } finally {
            use.leaveRun(environment.id());
        }
    }

    /** A change checked and ready to run: whose, which environment, what to ask the manager. */
    record PendingChange(Caller caller, StoredEnvironment environment, String operation, List<String> packages,
                         List<String> args, boolean network) {
    }

    PendingChange install(Caller caller, String name, List<String> requirements) {
        StoredEnvironment environment = environments.changeable(caller, name);
        Ecosystem ecosystem = ecosystem(environment);
        List<String> valid = Requirements.validate(ecosystem, requirements);
        return new PendingChange(caller, environment, "install", valid, ecosystem.installArgs(valid), true);
    }

    PendingChange upgrade(Caller caller, String name, String packageName) {
        StoredEnvironment environment = environments.changeable(caller, name);
        Ecosystem ecosystem = ecosystem(environment);
        String valid = Requirements.packageName(ecosystem, packageName);
        return new PendingChange(caller, environment, "upgrade", List.of(valid), ecosystem.upgradeArgs(valid), true);
    }

    PendingChange uninstall(Caller caller, String name, String packageName) {
        StoredEnvironment environment = environments.changeable(caller, name);
        Ecosystem ecosystem = ecosystem(environment);
        String valid = Requirements.packageName(ecosystem, packageName);
        return new PendingChange(caller, environment, "uninstall", List.of(valid), ecosystem.uninstallArgs(valid), false);
    }

    /** Runs the change when the environment's earlier changes have ended. */
    ChangeResult apply(PendingChange pending, OutputListener listener) {
        return change(pending.caller(), pending.environment(), pending.operation(), pending.packages(), pending.args(),
                pending.network(), listener);
    }

    private ChangeResult change(Caller caller, StoredEnvironment found, String operation, List<String> packages,
                                List<String> args, boolean network, OutputListener listener) {
        return use.change(found.id(), () -> {
            StoredEnvironment environment = store.find(found.id()).orElseThrow(() -> new ConflictException(
                    "environment " + found.name() + " was deleted"));
            Ecosystem ecosystem = ecosystem(environment);
            int next = environment.generation() + 1;
            Path current = directories.generation(environment.id(), environment.generation());
            Path copy = directories.generation(environment.id(), next);
            directories.delete(copy);
            try {
                directories.copy(current, copy, settings.diskBytes());
            } catch (IOException e) {
                directories.delete(copy);
                throw new UncheckedIOException(e);
            }
            StringBuilder log = new StringBuilder();
            PackageManagerRun.Outcome outcome = manager.run(ecosystem, copy, true, network, args, frame -> {
                synchronized (log) {
                    if (log.length() < 1_000_000) {
                        log.append(frame.text());
                    }
                }
                listener.onOutput(frame);
            });
            long size = directories.size(copy);
            boolean withinDisk = !outcome.diskExceeded() && size <= settings.diskBytes();
            boolean success = outcome.succeeded() && withinDisk;
            if (success) {
                use.advance(environment.id(), next, () -> store.advanceGeneration(environment.id(), next, clock.millis()));
            } else {
                directories.delete(copy);
            }
            String output;
            synchronized (log) {
                output = log.toString();
            }
            InstallFailure.Cause cause = success || !withinDisk ? null
                    : outcome.indexUnresolved() ? InstallFailure.Cause.INDEX_UNREACHABLE
                    : InstallFailure.classify(ecosystem, output + "\n" + outcome.result().stderr());
            String message = success ? operation + " of " + String.join(", ", packages) + " in " + environment.name() + " succeeded"
                    : operation + " of " + String.join(", ", packages) + " in " + environment.name() + " failed: "
                    + (!withinDisk ? "the environment would take more than its disk limit of " + settings.diskMb() + " MB"
                    : cause == InstallFailure.Cause.INDEX_UNREACHABLE ? InstallFailure.unreachable(ecosystem, ecosystem.indexes(settings))
                    : reason(outcome.result()))
                    + "; the environment is unchanged";
            directories.log(environment.id(), "=== " + Timestamps.iso(clock.millis()) + " " + caller.username() + ": " + operation
                    + " " + String.join(" ", packages) + "\n" + output + (output.endsWith("\n") || output.isEmpty() ? "" : "\n")
                    + "=== " + message + "\n");
            events.publishEvent(success
                    ? AuditEvent.success(caller.userId(), caller.username(), operation + "_package", "user_environment",
                    environment.id(), String.join(" ", packages))
                    : AuditEvent.failure(caller.userId(), caller.username(), operation + "_package", "user_environment",
                    environment.id(), message));
            RunResult result = outcome.result();
            return new ChangeResult(success, message, environment.name(), operation, packages, withinDisk
                    ? result.status().name() : "DISK_LIMIT", result.exitCode(), output,
                    success ? size : directories.size(current),
                    success ? null : withinDisk ? cause.code() : InstallFailure.Cause.DISK_LIMIT.code());
        });
    }

    private static String reason(RunResult result) {
        String detail = result.reason();
        List<String> tail = new ArrayList<>(result.stderr().lines().filter(l -> !l.isBlank()).toList());
        if (!tail.isEmpty()) {
            String last = tail.get(tail.size() - 1);
            return (detail == null || detail.isBlank() ? "" : detail + ": ") + last;
        }
        return detail == null || detail.isBlank() ? "the package manager ended with " + result.status() : detail;
    }

    private static Ecosystem ecosystem(StoredEnvironment environment) {
        return Ecosystem.ofLanguage(environment.language()).orElseThrow(() -> new ConflictException(
                "environment " + environment.name() + " has an unknown language " + environment.language()));
    }

    /** Frames as SSE-friendly maps. */
    static Map<String, Object> frame(OutputFrame frame) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stream", frame.stream() == OutputFrame.Stream.STDOUT ? "stdout" : "stderr");
        data.put("text", frame.text());
        return data;
    }
}
