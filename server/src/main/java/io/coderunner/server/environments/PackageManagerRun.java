package io.coderunner.server.environments;

import io.coderunner.engine.Limits;
import io.coderunner.engine.NetworkAccess;
import io.coderunner.engine.OutputListener;
import io.coderunner.engine.RunEnvironment;
import io.coderunner.engine.RunHandle;
import io.coderunner.engine.RunResult;
import io.coderunner.engine.RunSpec;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.SourceFile;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Runs pip or npm on an environment inside the sandbox, as untrusted as any user's program: within
 * the environments' time and memory limits, with the network only when it must download (and then,
 * when the administrator configured the package index, to that index alone: a package's own
 * install-time code runs there too, and must find no other way out), and,
 * when it may write, within the disk limit: each file is bounded by the file-size limit, and the
 * directory is measured while the manager works and stopped as soon as it grows past the limit.
 */
@Component
class PackageManagerRun {

    private static final long WATCH_MILLIS = 200;
    private static final long SCRATCH_BYTES = 256 * Limits.MIB;

    private final Sandbox sandbox;
    private final LanguageRegistry languages;
    private final EnvironmentDirectories directories;
    private final EnvironmentSettings settings;

    PackageManagerRun(Sandbox sandbox, LanguageRegistry languages, EnvironmentDirectories directories,
                      EnvironmentSettings settings) {
        this.sandbox = sandbox;
        this.languages = languages;
        this.directories = directories;
        this.settings = settings;
    }

    /**
     * The configured indexes' hosts and ports, each name resolved now, for this run: or, with no
     * index configured, the public network (the manager's own default index is on it). A private
     * address is reachable when it is the configured index, without the sandboxes' allow-list:
     * the index is the administrator's own setting, and opening it for installs opens it for
     * nothing else (runs and terminals still see only the allow-list).
     */
    private NetworkAccess networkAccess(Ecosystem ecosystem) {
        List<InetSocketAddress> destinations = new ArrayList<>();
        for (String index : ecosystem.indexes(settings)) {
            URI uri = URI.create(index);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            destinations.add(InetSocketAddress.createUnresolved(host, port));
        }
        return destinations.isEmpty() ? NetworkAccess.PUBLIC : NetworkAccess.resolving(destinations);
    }

    /**
     * How a run of the package manager ended; {@code indexUnresolved}: it never started, because
     * the configured index's name could not be resolved.
     */
    record Outcome(RunResult result, boolean diskExceeded, boolean indexUnresolved) {

        Outcome(RunResult result, boolean diskExceeded) {
            this(result, diskExceeded, false);
        }

        boolean succeeded() {
            return !diskExceeded && result.status() == io.coderunner.engine.Status.OK;
        }
    }

    /**
     * @param writable whether the manager may change the directory (then it is measured as it goes)
     * @param network  whether it may reach the package index
     */
    Outcome run(Ecosystem ecosystem, Path dir, boolean writable, boolean network, List<String> args, OutputListener listener) {
        Language language = languages.require(ecosystem.languageId());
        Ecosystem.Tool tool = ecosystem.tool(settings);
        List<String> arguments = new ArrayList<>(tool.options());
        arguments.addAll(args);
        long seconds = settings.installTimeoutSeconds();
        // The work directory and /tmp (downloads, builds, caches) are the manager's scratch space,
        // apart from the environment: room for an environment's worth of downloads and more.
        NetworkAccess access;
        try {
            access = network ? networkAccess(ecosystem) : NetworkAccess.NONE;
        } catch (SandboxException e) {
            return new Outcome(RunResult.internalError(e.getMessage()), false, true);
        }
        Limits limits = new Limits(seconds * 1000, seconds * 1000, settings.installMemoryMb() * Limits.MIB, 256,
                4 * Limits.MIB, settings.diskBytes(), settings.diskBytes() + SCRATCH_BYTES, 1024, access);
        RunEnvironment environment = new RunEnvironment(dir, Ecosystem.AT, writable, tool.variables(), Map.of(), tool.mounts());
        RunSpec spec = new RunSpec(language, List.of(new SourceFile(language.mainFile(), tool.program())), new byte[0],
                arguments, limits, environment, null);
        RunHandle handle = sandbox.start(spec, listener);
        boolean exceeded = false;
        while (true) {
            try {
                return new Outcome(handle.result().get(WATCH_MILLIS, TimeUnit.MILLISECONDS), exceeded);
            } catch (TimeoutException e) {
                if (writable && !exceeded && directories.size(dir) > settings.diskBytes()) {
                    exceeded = true;
                    handle.stop();
                }
            } catch (InterruptedException e) {
                handle.stop();
                Thread.currentThread().interrupt();
                return new Outcome(handle.result().join(), exceeded);
            } catch (java.util.concurrent.ExecutionException e) {
                return new Outcome(RunResult.internalError("the package manager's run failed: " + e.getCause().getMessage()),
                        exceeded);
            }
        }
    }
}
