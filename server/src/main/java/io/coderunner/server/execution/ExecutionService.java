package io.coderunner.server.execution;

import io.coderunner.engine.InvalidRunException;
import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputListener;
import io.coderunner.engine.RunHandle;
import io.coderunner.engine.RunResult;
import io.coderunner.engine.RunSpec;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SourceFile;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Quotas;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.library.CodeEntry;
import io.coderunner.server.library.CodeLibrary;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Turns an execution request into a sandboxed run, through the queue. Other modules run code here. */
@Service
public class ExecutionService {

    /** The API-key scope that allows running code. */
    static final String RUN_SCOPE = "execute";
    private static final Logger log = LoggerFactory.getLogger(ExecutionService.class);

    private final Sandbox sandbox;
    private final LanguageRegistry languages;
    private final ExecutionQueue queue;
    private final SandboxSettings settings;
    private final Accounts accounts;
    private final Quotas quotas;
    private final ExecutionHistory history;
    private final CodeLibrary library;
    private final ApplicationEventPublisher events;
    private final RunRegistry runs;
    private final Clock clock;
    private final ObjectProvider<RunEnvironments> environments;
    private final AnonymousRuns anonymous;
    private final RunMetrics metrics;

    ExecutionService(Sandbox sandbox, LanguageRegistry languages, ExecutionQueue queue, SandboxSettings settings,
                     Accounts accounts, Quotas quotas, ExecutionHistory history, CodeLibrary library,
                     ApplicationEventPublisher events, RunRegistry runs, Clock clock,
                     ObjectProvider<RunEnvironments> environments, AnonymousRuns anonymous,
                     RunMetrics metrics) {
        this.anonymous = anonymous;
        this.metrics = metrics;
        this.sandbox = sandbox;
        this.languages = languages;
        this.queue = queue;
        this.settings = settings;
        this.accounts = accounts;
        this.quotas = quotas;
        this.history = history;
        this.library = library;
        this.events = events;
        this.runs = runs;
        this.clock = clock;
        this.environments = environments;
    }

    /**
     * A run for a signed-in user or an API key: within the caller's tier (its timeout and memory
     * are the run's unless it asks for less), counted against the daily quota (runs from the web
     * here; API calls are counted as they arrive), and recorded in the caller's history.
     */
    public ExecutionView executeAs(Caller caller, ExecuteRequest request, Long codeLibraryId) {
        return executeAs(caller, request, codeLibraryId, null);
    }

    /**
     * Like {@link #executeAs(Caller, ExecuteRequest, Long)}, in a host directory of the caller's (a
     * workspace project): the run's files are written there, it is the program's working directory,
     * and what the program writes there stays.
     */
    public ExecutionView executeIn(Caller caller, ExecuteRequest request, Path directory) {
        return executeAs(caller, request, null, directory);
    }

    private ExecutionView executeAs(Caller caller, ExecuteRequest request, Long codeLibraryId, Path directory) {
        requireRunScope(caller);
        if (codeLibraryId != null && request.code() == null && (request.files() == null || request.files().isEmpty())) {
            request = savedCode(caller, request, codeLibraryId);
        }
        Tier tier = accounts.tierOf(caller);
        try (RunEnvironments.Lease environment = openEnvironment(caller, request)) {
            RunSpec spec = withEnvironment(toSpec(inEnvironmentLanguage(request, environment), tierLimits(tier), tierLimits(tier)),
                    environment);
            if (directory != null) {
                spec = spec.inDirectory(directory);
            }
            Quotas.Kind kind = caller.viaApiKey() ? null : Quotas.Kind.EXECUTIONS;
            if (kind != null) {
                quotas.take(caller, kind);
            }
            RunResult result;
            try (ExecutionQueue.Ticket ignored = queue.admit()) {
                RunHandle handle = metrics.observe(sandbox.start(spec, OutputListener.NONE), spec.language().id(),
                        RunMetrics.callerKind(caller));
                try (RunRegistry.Waiting waiting = runs.waitingFor(caller.userId(), handle)) {
                    result = handle.await();
                }
            } catch (RuntimeException e) {
                if (kind != null) {
                    quotas.giveBack(caller, kind);
                }
                throw e;
            }
            return history.find(record(caller, spec, result, codeLibraryId));
        }
    }

    /** The environment the request names, held for the run; null when it names none. */
    private RunEnvironments.Lease openEnvironment(Caller caller, ExecuteRequest request) {
        if (request == null || !request.usesEnvironment()) {
            return null;
        }
        if (caller == null) {
            throw new InvalidRunException("environments belong to users: sign in (or use an API key) to run in environment "
                    + request.environment());
        }
        RunEnvironments provider = environments.getIfAvailable();
        if (provider == null) {
            throw new InvalidRunException("this server offers no environments");
        }
        return provider.open(caller, request.environment().strip());
    }

    /** The request in its environment's language when it names none; a request in another language is refused. */
    private ExecuteRequest inEnvironmentLanguage(ExecuteRequest request, RunEnvironments.Lease environment) {
        if (environment == null) {
            return request;
        }
        if (request.language() == null || request.language().isBlank()) {
            return request.withLanguage(environment.language());
        }
        Language asked = languages.require(request.language());
        if (!asked.id().equals(environment.language())) {
            throw new InvalidRunException("environment " + request.environment() + " is a " + environment.language()
                    + " environment; it cannot run " + asked.id());
        }
        return request;
    }

    private static RunSpec withEnvironment(RunSpec spec, RunEnvironments.Lease environment) {
        return environment == null ? spec : spec.withEnvironment(environment.directory());
    }

    /**
     * Starts a run whose output goes to {@code listener} as it comes and whose input arrives while it
     * runs (seed 002's streaming runs). A signed-in caller's tier and quota apply and the run is kept
     * in their history when it ends; an anonymous run is in the anonymous tier ({@link AnonymousRuns}).
     */
    public LiveRun startLive(Caller caller, ExecuteRequest request, OutputListener listener, String address) {
        return startLive(caller, request, listener, true, address);
    }

    /** @param interactive false: the request's stdin is all the input, and the program then reads end-of-file */
    public LiveRun startLive(Caller caller, ExecuteRequest request, OutputListener listener, boolean interactive,
                             String address) {
        requireRunScope(caller);
        RunEnvironments.Lease environment = openEnvironment(caller, request);
        try {
            return startLive(caller, request, listener, interactive, environment, address);
        } catch (RuntimeException | Error e) {
            if (environment != null) {
                environment.close();
            }
            throw e;
        }
    }

    /** Starts the run; from then on the environment (if any) is given back when the run ends. */
    private LiveRun startLive(Caller caller, ExecuteRequest request, OutputListener listener, boolean interactive,
                              RunEnvironments.Lease environment, String address) {
        RunSpec spec;
        Quotas.Kind kind = null;
        if (caller != null) {
            Tier tier = accounts.tierOf(caller);
            spec = withEnvironment(toSpec(inEnvironmentLanguage(request, environment), tierLimits(tier), tierLimits(tier)),
                    environment);
            kind = caller.viaApiKey() ? Quotas.Kind.API_CALLS : Quotas.Kind.EXECUTIONS;
            quotas.take(caller, kind);
        } else {
            // The anonymous tier: no more than the lowest tier's limits, a rate per address, a share of the slots.
            spec = toSpec(request, anonymous.ceiling());
            anonymous.take(address);
        }
        ExecutionQueue.Ticket ticket;
        try {
            ticket = caller == null ? queue.admitAnonymous() : queue.admit();
        } catch (RuntimeException e) {
            if (kind != null) {
                quotas.giveBack(caller, kind);
            }
            throw e;
        }
        RunHandle handle;
        try {
            handle = metrics.observe(sandbox.start(spec.withStdin(null), listener), spec.language().id(),
                    RunMetrics.callerKind(caller));
        } catch (RuntimeException e) {
            ticket.close();
            throw e;
        }
        if (spec.stdin().length > 0) {
            handle.writeStdin(spec.stdin());
        }
        if (!interactive) {
            handle.closeStdin();
        }
        String id = UUID.randomUUID().toString();
        Long owner = caller == null ? null : caller.userId();
        LiveRun live = new LiveRun(id, owner, spec.language(), handle, new CompletableFuture<>());
        runs.add(live);
        handle.result().whenComplete((result, failure) -> {
            try {
                ticket.close();
                if (environment != null) {
                    environment.close();
                }
                if (caller != null && result != null) {
                    recordEnded(caller, spec, result);
                }
                runs.finish(live, result);
            } finally {
                if (failure != null) {
                    live.finished().completeExceptionally(failure);
                } else {
                    live.finished().complete(result);
                }
            }
        });
        return live;
    }

    /**
     * Every way of running code comes through here, so this is where a key without the
     * {@code execute} scope is stopped, whichever route or socket it came by.
     */
    private static void requireRunScope(Caller caller) {
        if (caller != null && caller.viaApiKey() && !caller.scopes().contains(RUN_SCOPE)) {
            throw new ForbiddenException("this API key may not run code: it lacks the '" + RUN_SCOPE + "' scope");
        }
    }

    /** A run of this caller's, going on or recently ended, by its id. */
    public Optional<RunRegistry.State> state(String id, Caller caller) {
        return runs.state(id, caller);
    }

    /** Stops a live run if the caller may; false when there is no such run for them. */
    public boolean stop(String id, Caller caller) {
        return runs.find(id, caller).map(run -> {
            run.handle().stop();
            return true;
        }).orElse(false);
    }

    /** Records a live run that ended; its account may be gone by then (deleted while it ran). */
    private void recordEnded(Caller caller, RunSpec spec, RunResult result) {
        try {
            record(caller, spec, result, null);
        } catch (RuntimeException e) {
            log.warn("Run of user {} not recorded in their history: {}", caller.userId(), e.getMessage());
        }
    }

    private long record(Caller caller, RunSpec spec, RunResult result, Long codeLibraryId) {
        long id = history.record(new ExecutionHistory.Origin(caller.userId(), caller.viaApiKey(), caller.apiKeyId(), codeLibraryId),
                spec.language().id(), spec.mainFile().content(), result, clock.millis());
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), caller.viaApiKey() ? "api_execute" : "execute",
                "code_execution", id, "language=" + spec.language().id() + " status=" + result.status()
                        + (caller.viaApiKey() ? " api_key=" + caller.apiKeyId() : "")));
        return id;
    }

    /** A run of a saved program: the caller's own or a public one, in its language unless the request names one. */
    private ExecuteRequest savedCode(Caller caller, ExecuteRequest request, long codeLibraryId) {
        CodeEntry entry = library.findReadable(caller, codeLibraryId)
                .orElseThrow(() -> new NotFoundException("code_library_id " + codeLibraryId + " not found"));
        String language = request.language() == null || request.language().equals("python") ? entry.language() : request.language();
        return new ExecuteRequest(language, request.version(), entry.code(), null, request.stdin(), request.args(), request.limits(),
                request.waitForResult(), request.callbackUrl(), request.environment());
    }

    /** A tier's run limits: its timeout as wall and CPU time, its memory. */
    private static Limits tierLimits(Tier tier) {
        long millis = tier.timeoutSeconds() * 1000L;
        return Limits.defaults().withWallTimeMs(millis).withCpuTimeMs(millis).withMemoryBytes(tier.memoryMb() * Limits.MIB);
    }

    /** A run of a caller who is not signed in, to the end: within the anonymous tier (see {@link AnonymousRuns}). */
    public Execution executeAnonymous(ExecuteRequest request, String address) {
        openEnvironment(null, request);
        RunSpec spec = toSpec(request, anonymous.ceiling());
        anonymous.take(address);
        try (ExecutionQueue.Ticket ignored = queue.admitAnonymous()) {
            RunResult result = metrics.observe(sandbox.start(spec, OutputListener.NONE), spec.language().id(),
                    RunMetrics.callerKind(null)).await();
            return new Execution(UUID.randomUUID().toString(), spec.language(), result);
        }
    }

    RunSpec toSpec(ExecuteRequest request, Limits ceiling) {
        return toSpec(request, ceiling, null);
    }

    /** @param preferred the wall time, CPU time and memory of a run that asks for none (null: the server's defaults) */
    RunSpec toSpec(ExecuteRequest request, Limits ceiling, Limits preferred) {
        if (request == null) {
            throw new InvalidRunException("request body is required");
        }
        if (request.language() == null || request.language().isBlank()) {
            throw new InvalidRunException("language is required");
        }
        Language language = languages.require(request.language());
        if (request.version() != null && !request.version().isBlank()
                && !(language.version().equals(request.version()) || language.version().startsWith(request.version() + "."))) {
            throw new InvalidRunException("version " + request.version() + " of " + language.id()
                    + " is not offered; this server has " + language.version());
        }
        List<SourceFile> files = files(request, language);
        byte[] stdin = request.stdin() == null ? new byte[0] : request.stdin().getBytes(StandardCharsets.UTF_8);
        return new RunSpec(language, files, stdin, request.args(), limits(request.limits(), ceiling, preferred));
    }

    private static List<SourceFile> files(ExecuteRequest request, Language language) {
        boolean hasCode = request.code() != null;
        boolean hasFiles = request.files() != null && !request.files().isEmpty();
        if (hasCode && hasFiles) {
            throw new InvalidRunException("give either code or files, not both");
        }
        if (hasCode) {
            if (request.code().isBlank()) {
                throw new InvalidRunException("code must not be empty");
            }
            return List.of(new SourceFile(language.mainFile(), request.code()));
        }
        if (!hasFiles) {
            throw new InvalidRunException("code or files is required");
        }
        return request.files().stream().map(f -> {
            if (f == null) {
                throw new InvalidRunException("files must not contain null entries");
            }
            return new SourceFile(f.name(), f.content());
        }).toList();
    }

    private Limits limits(ExecuteRequest.LimitsRequest asked, Limits ceiling, Limits preferred) {
        Limits base = settings.defaultLimits();
        if (preferred != null) {
            base = base.withWallTimeMs(preferred.wallTimeMs()).withCpuTimeMs(preferred.cpuTimeMs())
                    .withMemoryBytes(preferred.memoryBytes());
        }
        Limits max = settings.maximumLimits().cappedBy(ceiling);
        if (asked == null) {
            return base.cappedBy(max);
        }
        Limits wanted = new Limits(
                positive("wall_time_ms", asked.wallTimeMs(), base.wallTimeMs()),
                positive("cpu_time_ms", asked.cpuTimeMs(), base.cpuTimeMs()),
                positive("memory_bytes", asked.memoryBytes(), base.memoryBytes()),
                (int) Math.min(Integer.MAX_VALUE, positive("max_processes",
                        asked.maxProcesses() == null ? null : asked.maxProcesses().longValue(), base.maxProcesses())),
                positive("max_output_bytes", asked.maxOutputBytes(), base.maxOutputBytes()),
                positive("max_file_bytes", asked.maxFileBytes(), base.maxFileBytes()),
                positive("disk_bytes", asked.diskBytes(), base.diskBytes()),
                base.maxOpenFiles(),
                asked.network() == null ? base.network() : asked.network());
        return wanted.cappedBy(max);
    }

    private static long positive(String name, Long value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new InvalidRunException("limits." + name + " must be positive, was " + value);
        }
        return value;
    }

    public LanguageRegistry languages() {
        return languages;
    }
}
