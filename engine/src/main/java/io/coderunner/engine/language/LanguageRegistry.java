package io.coderunner.engine.language;

import io.coderunner.engine.InvalidRunException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The languages this host can run: read from the language data file, each probed for its real
 * version, and offered only when its toolchain answers.
 */
public final class LanguageRegistry {

    private static final Logger log = LoggerFactory.getLogger(LanguageRegistry.class);
    private static final String BUILT_IN = "/io/coderunner/engine/languages.json";

    private final Map<String, Language> byId;
    private final Map<String, Language> byName;

    private LanguageRegistry(List<Language> languages) {
        this.byId = new LinkedHashMap<>();
        this.byName = new LinkedHashMap<>();
        for (Language language : languages) {
            byId.put(language.id(), language);
            byName.put(language.id(), language);
            language.aliases().forEach(alias -> byName.putIfAbsent(alias.toLowerCase(Locale.ROOT), language));
        }
    }

    /** The built-in language file, probed on this host. */
    public static LanguageRegistry probeHost() {
        try (InputStream in = LanguageRegistry.class.getResourceAsStream(BUILT_IN)) {
            return probe(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a sandbox must see of the host for one built-in language's toolchain to work (its own
     * paths and the shared libraries and tools every language needs), without asking it for its
     * version: for the engine's own use of a toolchain, such as a resident sandbox's agent.
     */
    public static List<Mount> builtInMounts(String id) {
        try (InputStream in = LanguageRegistry.class.getResourceAsStream(BUILT_IN)) {
            LanguageFile file = JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(in, LanguageFile.class);
            LanguageDefinition definition = file.languages().stream().filter(d -> d.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no built-in language " + id));
            MountPlanner planner = new MountPlanner();
            expandAll(file.baseMounts()).forEach(planner::add);
            expandAll(definition.mounts()).forEach(planner::add);
            return planner.plan();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A language file of the administrator's, probed on this host. */
    public static LanguageRegistry probe(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return probe(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read language file " + file, e);
        }
    }

    static LanguageRegistry probe(InputStream json) {
        LanguageFile file = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build()
                .readValue(json, LanguageFile.class);
        List<Path> base = expandAll(file.baseMounts());
        try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<Language>>> pending = new ArrayList<>();
            for (LanguageDefinition definition : file.languages()) {
                Callable<Optional<Language>> task = () -> resolve(definition, base);
                pending.add(probes.submit(task));
            }
            List<Language> found = new ArrayList<>();
            for (Future<Optional<Language>> future : pending) {
                future.get().ifPresent(found::add);
            }
            return new LanguageRegistry(found);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing toolchains", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("probing toolchains failed", e.getCause());
        }
    }

    private static Optional<Language> resolve(LanguageDefinition d, List<Path> base) {
        Optional<String> version = ToolchainProbe.version(d.probe());
        if (version.isEmpty()) {
            log.info("Language {} is not offered: its toolchain did not answer", d.id());
            return Optional.empty();
        }
        MountPlanner planner = new MountPlanner();
        if (!d.preview()) {
            base.forEach(planner::add);
            expandAll(d.mounts()).forEach(planner::add);
        }
        return Optional.of(new Language(d.id(), d.name(), version.get(), d.aliases(), d.extensions(), d.main(),
                d.compile(), d.run(), d.env(), planner.plan(), d.template(), d.preview()));
    }

    /** Expands glob patterns (a glob may stand in the last path element) to existing paths. */
    static List<Path> expandAll(List<String> patterns) {
        List<Path> paths = new ArrayList<>();
        for (String pattern : patterns) {
            String resolved = pattern.replace("{multiarch}", multiarch());
            Path path = Path.of(resolved);
            String last = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!last.matches(".*[*?\\[].*")) {
                if (Files.exists(path) || Files.isSymbolicLink(path)) {
                    paths.add(path);
                }
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
            if (!Files.isDirectory(path.getParent())) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path.getParent())) {
                for (Path entry : entries) {
                    if (matcher.matches(entry.getFileName())) {
                        paths.add(entry);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return paths;
    }

    static String multiarch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            default -> arch + "-linux-gnu";
        };
    }

    /** The language with this id or alias, case-insensitively. */
    public Optional<Language> find(String idOrAlias) {
        if (idOrAlias == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(idOrAlias.trim().toLowerCase(Locale.ROOT)));
    }

    /** Like {@link #find} but refuses an unknown name, listing the known ones. */
    public Language require(String idOrAlias) {
        return find(idOrAlias).orElseThrow(() -> new InvalidRunException(
                "unknown language '" + idOrAlias + "'; this server offers: " + String.join(", ", byId.keySet())));
    }

    public Collection<Language> all() {
        return byId.values();
    }
}
