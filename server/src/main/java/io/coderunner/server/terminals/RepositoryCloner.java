package io.coderunner.server.terminals;

import io.coderunner.engine.Limits;
import io.coderunner.engine.Sandbox;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.Terminal;
import io.coderunner.engine.TerminalSpec;
import io.coderunner.engine.files.HostileTree;
import io.coderunner.engine.language.LanguageRegistry;
import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.workspaces.SafePaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Clones a public git repository into a session's files (seed 003's clone-repo). git runs inside
 * the sandbox, with the network, so only for tiers that allow it; it clones into a directory of its
 * own beside the session, and the clone is then handed to its terminal and moved into the
 * session's files through the opened folder ({@link Terminal#handOver}). Only https URLs of a plain form are taken (no credentials, options or local paths).
 */
@Component
class RepositoryCloner {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern REPO_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+/?");
    private static final Pattern DIRECTORY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int MAX_OUTPUT = 16 * 1024;

    private final Sandbox sandbox;
    private final LanguageRegistry languages;
    private final Accounts accounts;
    private final SessionDirectories directories;
    private final TerminalSettings settings;

    RepositoryCloner(Sandbox sandbox, LanguageRegistry languages, Accounts accounts, SessionDirectories directories,
                     TerminalSettings settings) {
        this.sandbox = sandbox;
        this.languages = languages;
        this.accounts = accounts;
        this.directories = directories;
        this.settings = settings;
    }

    record Cloned(String directory, String url) {
    }

    Cloned cloneInto(Caller caller, SessionStore.Session session, Path workDir, Optional<LiveSession> live, String url,
                     String directory) {
        Tier tier = accounts.tierOf(caller);
        if (!tier.network()) {
            throw new ForbiddenException("cloning a repository needs network access, which the " + tier.name()
                    + " tier does not include");
        }
        URI uri = requireRepositoryUrl(url);
        String name = directory == null || directory.isBlank() ? defaultName(uri) : directory.strip();
        if (!DIRECTORY.matcher(name).matches() || name.startsWith(".")) {
            throw new BadRequestException("directory must be a plain name of letters, digits, '.', '_' or '-': '" + name + "'");
        }
        Path target = SafePaths.resolve(workDir, name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConflictException("'" + name + "' already exists in the session's files");
        }
        Path scratch = directories.sessionDir(session.id()).resolve("clone-" + UUID.randomUUID());
        try {
            Files.createDirectory(scratch);
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx------"));
            String output = runGit(tier, scratch, uri.toString());
            Path cloned = scratch.resolve("repo");
            if (!Files.isDirectory(cloned, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadRequestException("git could not clone " + uri + ": " + lastLines(output));
            }
            // The scratch folder is the server's alone now (git's sandbox has ended): a running
            // terminal is given the clone there, and it is then renamed into the session's files
            // from their opened folder, so nothing its programs do meanwhile can redirect either.
            Terminal terminal = live.map(LiveSession::terminal).orElse(null);
            if (terminal != null) {
                terminal.handOver(cloned, name);
            } else {
                HostileTree.moveInto(cloned, workDir, name);
            }
            return new Cloned(name, uri.toString());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ConflictException("'" + name + "' already exists in the session's files");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place the clone in the session's files: " + e.getMessage(), e);
        } finally {
            directories.deleteTree(scratch);
        }
    }

    private String runGit(Tier tier, Path scratch, String url) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Limits limits = new Limits(Long.MAX_VALUE, Long.MAX_VALUE, tier.terminals().memoryMb() * Limits.MIB, 64, Limits.MIB,
                512 * Limits.MIB, 256 * Limits.MIB, 1024, true);
        List<String> command = List.of("/usr/bin/env", "GIT_TERMINAL_PROMPT=0", "/usr/bin/git", "clone", "--depth", "1",
                "--no-tags", "--", url, "repo");
        Terminal git;
        try {
            git = sandbox.openTerminal(new TerminalSpec(scratch, List.of(languages.require("bash")), limits,
                    tier.terminals().cpuCores(), 120, 24, command), chunk -> {
                synchronized (output) {
                    if (output.size() < MAX_OUTPUT) {
                        output.write(chunk, 0, Math.min(chunk.length, MAX_OUTPUT - output.size()));
                    }
                }
            });
        } catch (SandboxException e) {
            throw new ConflictException("git cannot run here: " + e.getMessage());
        }
        try (git) {
            git.exited().get(settings.cloneTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new BadRequestException("cloning " + url + " took longer than " + settings.cloneTimeoutSeconds() + " s and was stopped");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cloning");
        }
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** An https URL with a host name, a path and nothing else. */
    static URI requireRepositoryUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new BadRequestException("repo_url is required: the https URL of a public git repository");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new BadRequestException("repo_url is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new BadRequestException("repo_url must be an https URL, e.g. https://github.com/owner/repo.git");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadRequestException("repo_url must not carry credentials, a query or a fragment");
        }
        // A domain name (its last label starts with a letter): no address literals, no single-label local names.
        if (uri.getHost() == null || !HOST.matcher(uri.getHost()).matches() || !uri.getHost().matches(".*\\.[A-Za-z][A-Za-z0-9-]*")) {
            throw new BadRequestException("repo_url must name a host by its domain name");
        }
        if (uri.getRawPath() == null || !REPO_PATH.matcher(uri.getRawPath()).matches() || uri.getRawPath().contains("..")) {
            throw new BadRequestException("repo_url must have a plain repository path, e.g. /owner/repo.git");
        }
        return uri;
    }

    static String defaultName(URI uri) {
        String path = uri.getPath().replaceAll("/+$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }

    private static String lastLines(String output) {
        List<String> lines = output.replace("\r", "").lines().filter(line -> !line.isBlank()).toList();
        return String.join(" ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
    }
}
