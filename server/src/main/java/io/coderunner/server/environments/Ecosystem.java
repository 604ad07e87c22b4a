package io.coderunner.server.environments;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.engine.RunEnvironment;
import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.Mount;
import io.coderunner.engine.language.MountPlanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What differs between a Python virtual environment and a Node.js project: how one is made, how a
 * run finds its packages, and how pip or npm is asked to change or list them. Every directory is
 * shown inside the sandbox at {@link #AT}, where it was made to live, so it never has to be moved.
 */
enum Ecosystem {

    PYTHON("python", "Python", "python") {
        @Override
        void create(Path dir, Language base) throws IOException {
            // The standard library's venv, run by the base interpreter in isolated mode on files it
            // makes itself: nothing of any user runs on the host. Without pip: the system's pip
            // installs into it from the sandbox (pip --python), so each environment stays small.
            Process venv = new ProcessBuilder(base.run().get(0), "-I", "-m", "venv", "--without-pip", dir.toString())
                    .redirectErrorStream(true).start();
            try {
                String output = new String(venv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!venv.waitFor(60, TimeUnit.SECONDS) || venv.exitValue() != 0) {
                    venv.destroyForcibly();
                    throw new IOException("python -m venv failed: " + output.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                venv.destroyForcibly();
                throw new IOException("interrupted while making a virtual environment");
            }
        }

        @Override
        RunEnvironment forRun(Path dir, Language base) {
            return new RunEnvironment(dir, AT, false, Map.of("VIRTUAL_ENV", AT, "PATH", AT + "/bin:/usr/local/bin:/usr/bin:/bin"),
                    Map.of(base.run().get(0), AT + "/bin/python3"), List.of());
        }

        @Override
        Tool tool(EnvironmentSettings settings) {
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("PIP_CONFIG_FILE", "/dev/null");
            variables.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
            variables.put("PIP_NO_INPUT", "1");
            variables.put("PIP_NO_WARN_SCRIPT_LOCATION", "1");
            if (settings.pipIndexUrl() != null) {
                variables.put("PIP_INDEX_URL", settings.pipIndexUrl());
            }
            if (settings.pipExtraIndexUrl() != null) {
                variables.put("PIP_EXTRA_INDEX_URL", settings.pipExtraIndexUrl());
            }
            // An index the administrator configured over plain http (a mirror on the site's own
            // network) is theirs to trust; pip otherwise ignores such an index unless it is localhost.
            String trusted = java.util.stream.Stream.of(settings.pipIndexUrl(), settings.pipExtraIndexUrl())
                    .filter(url -> url != null && url.startsWith("http://"))
                    .map(url -> java.net.URI.create(url).getHost())
                    .filter(host -> host != null)
                    .distinct()
                    .collect(java.util.stream.Collectors.joining(" "));
            if (!trusted.isEmpty()) {
                variables.put("PIP_TRUSTED_HOST", trusted);
            }
            // The system's pip, run by the base interpreter, working on the environment's interpreter.
            String program = """
                    import runpy, sys
                    sys.argv[0] = "pip"
                    runpy.run_module("pip", run_name="__main__", alter_sys=True)
                    """;
            List<String> target = List.of("--python", AT + "/bin/python3");
            return new Tool(program, target, variables, List.of());
        }

        @Override
        List<String> indexes(EnvironmentSettings settings) {
            return java.util.stream.Stream.of(settings.pipIndexUrl(), settings.pipExtraIndexUrl())
                    .filter(java.util.Objects::nonNull).toList();
        }

        @Override
        List<String> installArgs(List<String> requirements) {
            List<String> args = new ArrayList<>(List.of("install", "--no-warn-script-location", "--"));
            args.addAll(requirements);
            return args;
        }

        @Override
        List<String> upgradeArgs(String name) {
            return List.of("install", "--upgrade", "--no-warn-script-location", "--", name);
        }

        @Override
        List<String> uninstallArgs(String name) {
            return List.of("uninstall", "--yes", "--", name);
        }

        @Override
        List<String> listArgs() {
            return List.of("list", "--format=json");
        }

        @Override
        List<PackageInfo> parseList(String output) {
            List<PackageInfo> packages = new ArrayList<>();
            for (JsonNode item : JSON.readTree(output)) {
                packages.add(new PackageInfo(item.path("name").asString(), item.path("version").asString()));
            }
            return packages;
        }

        @Override
        int countPackages(Path dir) throws IOException {
            // The install wrote this tree: read it from opened folders, never following its links.
            int count = 0;
            for (HostileTree.Child version : folder(dir, List.of("lib"))) {
                if (version.name().startsWith("python") && version.attrs().isDirectory()) {
                    for (HostileTree.Child info : folder(dir, List.of("lib", version.name(), "site-packages"))) {
                        if (info.name().endsWith(".dist-info")) {
                            count++;
                        }
                    }
                }
            }
            return count;
        }
    },

    NODE("javascript", "Node.js", "nodejs") {
        @Override
        void create(Path dir, Language base) throws IOException {
            Files.createDirectories(dir.resolve("node_modules"));
            Files.writeString(dir.resolve("package.json"), """
                    {
                      "name": "environment",
                      "version": "1.0.0",
                      "private": true,
                      "dependencies": {}
                    }
                    """);
        }

        @Override
        RunEnvironment forRun(Path dir, Language base) {
            return new RunEnvironment(dir, AT, false, Map.of("NODE_PATH", AT + "/node_modules",
                    "PATH", AT + "/node_modules/.bin:/usr/local/bin:/usr/bin:/bin"), Map.of(), List.of());
        }

        @Override
        Tool tool(EnvironmentSettings settings) {
            Path cli = npmCli().orElseThrow(() -> new IllegalStateException("npm is not installed on this server"));
            Path npmRoot = cli.getParent().getParent();
            String program = """
                    const { spawnSync } = require("child_process");
                    const run = spawnSync(process.execPath, [%s, ...process.argv.slice(2)], { stdio: "inherit" });
                    process.exit(run.status === null ? 1 : run.status);
                    """.formatted(JSON.writeValueAsString(cli.toString()));
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("npm_config_update_notifier", "false");
            variables.put("npm_config_fund", "false");
            variables.put("npm_config_audit", "false");
            variables.put("npm_config_userconfig", "/tmp/npm-user-config");
            variables.put("npm_config_globalconfig", "/tmp/npm-global-config");
            variables.put("npm_config_cache", "/tmp/npm-cache");
            List<String> options = new ArrayList<>(List.of("--prefix", AT));
            if (settings.npmRegistry() != null) {
                options.addAll(List.of("--registry", settings.npmRegistry()));
            }
            return new Tool(program, options, variables, new MountPlanner().add(npmRoot).plan());
        }

        @Override
        List<String> indexes(EnvironmentSettings settings) {
            return settings.npmRegistry() == null ? List.of() : List.of(settings.npmRegistry());
        }

        @Override
        List<String> installArgs(List<String> requirements) {
            List<String> args = new ArrayList<>(List.of("install", "--save", "--"));
            args.addAll(requirements);
            return args;
        }

        @Override
        List<String> upgradeArgs(String name) {
            return List.of("install", "--save", "--", name + "@latest");
        }

        @Override
        List<String> uninstallArgs(String name) {
            return List.of("uninstall", "--save", "--", name);
        }

        @Override
        List<String> listArgs() {
            return List.of("ls", "--json", "--depth=0");
        }

        @Override
        List<PackageInfo> parseList(String output) {
            List<PackageInfo> packages = new ArrayList<>();
            JsonNode dependencies = JSON.readTree(output).path("dependencies");
            for (Map.Entry<String, JsonNode> entry : dependencies.properties()) {
                packages.add(new PackageInfo(entry.getKey(), entry.getValue().path("version").asString("")));
            }
            return packages;
        }

        @Override
        int countPackages(Path dir) throws IOException {
            int count = 0;
            for (HostileTree.Child entry : folder(dir, List.of("node_modules"))) {
                if (entry.name().startsWith("@") && entry.attrs().isDirectory()) {
                    count += folder(dir, List.of("node_modules", entry.name())).size();
                } else if (!entry.name().startsWith(".")) {
                    count++;
                }
            }
            return count;
        }
    };

    /** The entries of a folder of an environment's tree; none when it is missing or not a folder (a link, say). */
    private static List<HostileTree.Child> folder(Path dir, List<String> steps) throws IOException {
        try {
            return HostileTree.children(dir, steps);
        } catch (java.nio.file.FileSystemException missingOrALink) {
            return List.of();
        }
    }

    /** Where an environment is, inside the sandbox. */
    static final String AT = "/opt/environment";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String languageId;
    private final String displayName;
    private final String prefix;

    Ecosystem(String languageId, String displayName, String prefix) {
        this.languageId = languageId;
        this.displayName = displayName;
        this.prefix = prefix;
    }

    static Optional<Ecosystem> ofLanguage(String languageId) {
        for (Ecosystem ecosystem : values()) {
            if (ecosystem.languageId.equals(languageId)) {
                return Optional.of(ecosystem);
            }
        }
        return Optional.empty();
    }

    String languageId() {
        return languageId;
    }

    String displayName() {
        return displayName;
    }

    /** The name of the base environment a toolchain offers, e.g. python-3.11.2 or nodejs-20.20.2. */
    String baseName(String version) {
        return prefix + "-" + version;
    }

    /** npm's command-line script on this host, wherever the Node.js packaging put it. */
    static Optional<Path> npmCli() {
        for (String candidate : List.of("/usr/bin/npm", "/usr/local/bin/npm")) {
            Path path = Path.of(candidate);
            if (Files.exists(path)) {
                try {
                    return Optional.of(path.toRealPath());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Makes a new, empty environment in {@code dir} (which does not exist yet) from the base toolchain. */
    abstract void create(Path dir, Language base) throws IOException;

    /** What a run sees: the directory read-only and the variables (and interpreter) that make the language use it. */
    abstract RunEnvironment forRun(Path dir, Language base);

    /** The package manager: the program that runs it in the sandbox, its leading options, variables and mounts. */
    abstract Tool tool(EnvironmentSettings settings);

    /** The package indexes the administrator configured for the manager; empty: its public default. */
    abstract List<String> indexes(EnvironmentSettings settings);

    abstract List<String> installArgs(List<String> requirements);

    abstract List<String> upgradeArgs(String name);

    abstract List<String> uninstallArgs(String name);

    abstract List<String> listArgs();

    abstract List<PackageInfo> parseList(String output);

    /** Installed packages, counted from the directory itself (no program runs). */
    abstract int countPackages(Path dir) throws IOException;

    /** seed 004's PackageInfo. */
    record PackageInfo(String name, String version) {
    }

    /**
     * A package manager as the sandbox runs it: {@code program} (the language's own code, which
     * starts the manager with the arguments it is given), {@code options} that come before each
     * command's arguments, and what it needs besides the language's toolchain.
     */
    record Tool(String program, List<String> options, Map<String, String> variables, List<Mount> mounts) {
    }
}
