package io.coderunner.server.sandboxes;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.ProblemCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.springframework.core.io.InputStreamSource;

/**
 * The files of a started sandbox: its home and its volumes ({@link LiveSandbox.FileRoots}), named
 * by the paths the sandbox sees ({@link SandboxPath}). The sandbox's processes write there while
 * this runs and may plant links pointing anywhere on the host, or swap a folder for one between
 * two calls: every step is taken from a folder already opened, with O_NOFOLLOW
 * ({@link HostileTree}), so a link is shown as a link, refused where it is met on the way, and
 * replaced or deleted as itself, never followed.
 *
 * <p>What the server makes there (uploads, folders, edited files) is given to the owner of the
 * root folder as it is made: while the sandbox is started that is the sandbox's own uid (the
 * engine lends it the tree), so its processes can change what was uploaded; the engine takes the
 * whole tree back when the sandbox stops.
 */
public final class SandboxFiles {

    /** Entries a listing shows at most. */
    static final int MAX_LISTED = 10_000;
    /** Levels a listing goes down at most. */
    static final int MAX_DEPTH = 64;
    /** Names a find answers at most, and matches a search. */
    static final int MAX_RESULTS = 1000;
    /** Entries a find or search looks at before it stops (its answer is then marked truncated). */
    static final int MAX_VISITED = 200_000;
    /** Files larger than this are not searched or edited in place. */
    static final long MAX_TEXT_BYTES = 10L * 1024 * 1024;
    /** Bytes a search reads in all. */
    static final long MAX_SEARCHED_BYTES = 200L * 1024 * 1024;
    /** Files one upload or replace names at most. */
    static final int MAX_FILES = 1000;
    /** Characters of a matching line shown. */
    private static final int MAX_LINE = 500;
    /** A search's regular expression may take this long in all (a pattern can backtrack for ages). */
    private static final long SEARCH_MILLIS = 10_000;

    private final LiveSandbox.FileRoots roots;
    private final long diskLimitBytes;
    private final LongSupplier usedBytes;

    /**
     * @param diskLimitBytes what the sandbox's files may take in all (its disk_mb)
     * @param usedBytes      what they take now (asked only before an upload)
     */
    public SandboxFiles(LiveSandbox.FileRoots roots, long diskLimitBytes, LongSupplier usedBytes) {
        this.roots = roots;
        this.diskLimitBytes = diskLimitBytes;
        this.usedBytes = usedBytes;
    }

    public record Listing(List<SandboxFileEntry> entries, boolean truncated) {
    }

    /** An opened plain file; close its content when done. */
    public record Download(String path, String name, long size, InputStream content) {
    }

    /** A file to write at {@code path}; {@code size} is known ahead (a multipart part's), or -1. */
    public record Upload(String path, long size, InputStreamSource content) {
    }

    public record Found(List<String> files, boolean truncated) {
    }

    public record Match(String file, int line, String content) {
    }

    public record Matches(List<Match> matches, boolean truncated) {
    }

    public record Replaced(String file, boolean success, int replacements, String error) {
    }

    /** Resolves a path the client named (blank: the home). */
    SandboxPath path(String path) {
        return SandboxPath.of(roots, path);
    }

    // --- reading ---------------------------------------------------------------------------------

    public SandboxFileEntry info(String path) {
        SandboxPath at = path(path);
        return SandboxFileEntry.of(at.name(), at.shown(), attributes(at));
    }

    /** The entries of a folder, {@code depth} levels down (1: its own entries), links shown and not entered. */
    public Listing list(String path, Integer depth) {
        int levels = depth == null ? 1 : depth;
        if (levels < 1 || levels > MAX_DEPTH) {
            throw new BadRequestException("depth must be 1 to " + MAX_DEPTH + ", was " + levels);
        }
        SandboxPath top = path(path);
        requireFolder(top, attributes(top));
        List<SandboxFileEntry> entries = new ArrayList<>();
        Deque<Level> pending = new ArrayDeque<>();
        pending.add(new Level(top, 1));
        while (!pending.isEmpty()) {
            Level level = pending.poll();
            List<HostileTree.Child> children;
            try {
                children = HostileTree.children(level.folder.root().hostDir(), level.folder.steps());
            } catch (IOException replaced) {
                if (level.folder == top) {
                    throw missing(top, replaced);
                }
                continue; // swapped for a link or removed since it was listed: not entered
            }
            for (HostileTree.Child child : children) {
                if (entries.size() >= MAX_LISTED) {
                    return new Listing(entries, true);
                }
                SandboxPath at = level.folder.child(child.name());
                entries.add(SandboxFileEntry.of(child.name(), at.shown(), child.attrs()));
                if (child.attrs().isDirectory() && level.depth < levels) {
                    pending.add(new Level(at, level.depth + 1));
                }
            }
        }
        return new Listing(entries, false);
    }

    private record Level(SandboxPath folder, int depth) {
    }

    /** Opens a plain file for reading; a folder, link, FIFO or device is refused without being opened. */
    public Download open(String path) {
        SandboxPath at = path(path);
        if (at.isRoot()) {
            throw new BadRequestException("'" + at.shown() + "' is a folder: name a file to download");
        }
        try {
            SeekableByteChannel channel = HostileTree.openPlainFile(at.root().hostDir(), at.steps());
            return new Download(at.shown(), at.name(), channel.size(), Channels.newInputStream(channel));
        } catch (HostileTree.NotPlainFileException e) {
            throw notPlain(at, e);
        } catch (IOException e) {
            throw missing(at, e);
        }
    }

    // --- writing ---------------------------------------------------------------------------------

    /**
     * Writes the files, each through a new file beside it renamed over it at the end (a reader
     * never sees half of one; a link there is replaced, not written through), folders on the way
     * made. An existing file keeps its mode. Refused as a whole, before anything is written, when
     * the files would take the sandbox past its disk.
     */
    public List<SandboxFileEntry> upload(List<Upload> uploads) {
        if (uploads.isEmpty()) {
            throw new BadRequestException("no files to upload: send at least one file");
        }
        if (uploads.size() > MAX_FILES) {
            throw new BadRequestException("at most " + MAX_FILES + " files may be uploaded at once, were " + uploads.size());
        }
        List<SandboxPath> targets = new ArrayList<>();
        long total = 0;
        for (Upload upload : uploads) {
            SandboxPath at = path(upload.path());
            requireWritable(at);
            if (at.isRoot()) {
                throw new BadRequestException("'" + at.shown() + "' is a folder: an upload's path must name a file");
            }
            targets.add(at);
            total += Math.max(0, upload.size());
        }
        long room = room();
        if (total > room) {
            throw diskFull(total, room);
        }
        List<SandboxFileEntry> written = new ArrayList<>();
        long left = room;
        for (int i = 0; i < uploads.size(); i++) {
            SandboxPath at = targets.get(i);
            try (InputStream in = uploads.get(i).content().getInputStream()) {
                left -= write(at, in, left);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the upload for " + at.shown(), e);
            }
            written.add(SandboxFileEntry.of(at.name(), at.shown(), attributes(at)));
        }
        return written;
    }

    /** Makes the folder and any missing on the way; one already there is left as it is. */
    public SandboxFileEntry createFolder(String path, String mode) {
        Set<PosixFilePermission> permissions = mode == null || mode.isBlank() ? FileModes.FOLDER : FileModes.parse("mode", mode);
        SandboxPath at = path(path);
        requireWritable(at);
        if (!at.isRoot()) {
            Integer uid = ownerOf(at.root());
            try {
                HostileTree.createFolders(at.root().hostDir(), at.parentSteps(), uid, FileModes.FOLDER);
                HostileTree.createFolders(at.root().hostDir(), at.steps(), uid, permissions);
            } catch (IOException e) {
                PosixFileAttributes there = attributesOrNull(at);
                if (there != null && !there.isDirectory()) {
                    throw new ConflictException("'" + at.shown() + "' exists and is not a folder"
                            + (there.isSymbolicLink() ? " (a symbolic link, not followed)" : ""));
                }
                throw notOnTheWay(at, e);
            }
        }
        return SandboxFileEntry.of(at.name(), at.shown(), attributes(at));
    }

    /** Renames a file or folder (a link as itself) within one root; nothing may be at the destination. */
    public SandboxFileEntry move(String source, String destination) {
        SandboxPath from = path(source);
        SandboxPath to = path(destination);
        requireWritable(from);
        requireWritable(to);
        if (from.isRoot() || to.isRoot()) {
            throw new BadRequestException("'" + (from.isRoot() ? from : to).shown() + "' is a root of the sandbox's files and cannot be moved or replaced");
        }
        if (!from.root().equals(to.root())) {
            throw new BadRequestException("files cannot be moved between " + from.root().sandboxPath() + " and "
                    + to.root().sandboxPath() + ": copy them instead");
        }
        attributes(from);
        try {
            HostileTree.rename(from.root().hostDir(), from.steps(), to.steps(), false);
        } catch (FileAlreadyExistsException e) {
            throw new ConflictException("'" + to.shown() + "' exists already: delete it first or choose another destination");
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no such folder: '" + parentShown(to) + "'");
        } catch (FileSystemException e) {
            throw new BadRequestException("cannot move '" + from.shown() + "' to '" + to.shown() + "': " + reason(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SandboxFileEntry.of(to.name(), to.shown(), attributes(to));
    }

    /** Deletes a file, a link (itself) or a folder; a folder with entries only when {@code recursive}. */
    public void delete(String path, boolean recursive) {
        SandboxPath at = path(path);
        requireWritable(at);
        if (at.isRoot()) {
            throw new BadRequestException("'" + at.shown() + "' is a root of the sandbox's files and cannot be deleted");
        }
        PosixFileAttributes attrs = attributes(at);
        if (attrs.isDirectory() && !recursive) {
            try {
                if (!HostileTree.children(at.root().hostDir(), at.steps()).isEmpty()) {
                    throw new BadRequestException("'" + at.shown() + "' is a folder with files in it: delete it with recursive=true");
                }
            } catch (IOException e) {
                throw missing(at, e);
            }
        }
        try {
            HostileTree.delete(at.root().hostDir(), at.steps());
        } catch (NoSuchFileException e) {
            throw missing(at, e);
        } catch (FileSystemException e) {
            throw notOnTheWay(at, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (HostileTree.TreeTooLargeException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /**
     * Sets a file's or folder's mode. Owners cannot be chosen: a sandbox's files belong to its
     * user, and any other uid would be a host uid outside the sandbox.
     */
    public SandboxFileEntry setPermissions(String path, String mode, String owner, String group) {
        SandboxPath at = path(path);
        requireWritable(at);
        if ((owner != null && !owner.isBlank()) || (group != null && !group.isBlank())) {
            throw new BadRequestException("owner and group cannot be changed: a sandbox's files belong to its own user");
        }
        if (mode == null || mode.isBlank()) {
            throw new BadRequestException("mode is required (an octal mode such as 755)");
        }
        Set<PosixFilePermission> permissions = FileModes.parse("mode", mode);
        try {
            HostileTree.changeMode(at.root().hostDir(), at.steps(), permissions);
        } catch (HostileTree.NotPlainFileException e) {
            throw notPlain(at, e);
        } catch (NoSuchFileException e) {
            throw missing(at, e);
        } catch (IOException e) {
            throw notOnTheWay(at, e);
        }
        return SandboxFileEntry.of(at.name(), at.shown(), attributes(at));
    }

    // --- finding and searching -------------------------------------------------------------------

    /** Paths under the folder whose name matches a glob ({@code *.py}); a glob with '/' matches the path below the folder. */
    public Found find(String path, String glob) {
        if (glob == null || glob.isBlank()) {
            throw new BadRequestException("pattern is required (a glob such as *.txt)");
        }
        java.nio.file.PathMatcher matcher;
        try {
            matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("pattern is not a valid glob: " + e.getMessage());
        }
        boolean byPath = glob.contains("/");
        SandboxPath top = path(path);
        requireFolder(top, attributes(top));
        List<String> found = new ArrayList<>();
        boolean[] truncated = {false};
        int[] visited = {0};
        int skip = top.steps().size();
        walk(top, (relative, name, attrs, folder) -> {
            if (++visited[0] > MAX_VISITED || found.size() >= MAX_RESULTS) {
                truncated[0] = true;
                return false;
            }
            String below = below(relative, skip);
            if (matcher.matches(java.nio.file.Path.of(byPath ? below : name))) {
                found.add(top.shown() + "/" + below);
            }
            return true;
        });
        return new Found(found, truncated[0]);
    }

    /**
     * Lines holding {@code query} (text, or a regular expression when {@code regex}) in the plain
     * files under the folder (or in the one file named). Binary files (a NUL byte in their first
     * 8 KiB) and files over {@link #MAX_TEXT_BYTES} are skipped.
     */
    public Matches search(String path, String query, boolean regex) {
        if (query == null || query.isEmpty()) {
            throw new BadRequestException("the text to search for is required");
        }
        LineMatcher matcher = LineMatcher.of(query, regex, System.currentTimeMillis() + SEARCH_MILLIS);
        SandboxPath top = path(path);
        PosixFileAttributes attrs = attributes(top);
        List<Match> matches = new ArrayList<>();
        long[] budget = {MAX_SEARCHED_BYTES};
        if (attrs.isRegularFile()) {
            try (SeekableByteChannel channel = HostileTree.openPlainFile(top.root().hostDir(), top.steps())) {
                boolean complete = searchFile(channel, top.shown(), matcher, matches, budget);
                return new Matches(matches, !complete);
            } catch (IOException e) {
                throw missing(top, e);
            }
        }
        requireFolder(top, attrs);
        boolean[] truncated = {false};
        int[] visited = {0};
        int skip = top.steps().size();
        walk(top, (relative, name, entry, folder) -> {
            if (++visited[0] > MAX_VISITED) {
                truncated[0] = true;
                return false;
            }
            if (!entry.isRegularFile() || entry.size() > MAX_TEXT_BYTES) {
                return true;
            }
            SeekableByteChannel channel;
            try {
                channel = folder.openPlainFile(name);
            } catch (IOException replaced) {
                return true; // swapped for a link or a FIFO, or removed, since it was listed
            }
            try (channel) {
                if (!searchFile(channel, top.shown() + "/" + below(relative, skip), matcher, matches, budget)) {
                    truncated[0] = true;
                    return false;
                }
            }
            return true;
        });
        return new Matches(matches, truncated[0]);
    }

    /** @return false when the search must stop (enough matches, bytes or time) */
    private static boolean searchFile(SeekableByteChannel channel, String shown, LineMatcher matcher, List<Match> matches,
                                      long[] budget) throws IOException {
        String text = TextFile.read(channel, Math.min(MAX_TEXT_BYTES, budget[0]));
        if (text == null) {
            return budget[0] > 0;
        }
        budget[0] -= text.length();
        int line = 0;
        for (String content : text.split("\n", -1)) {
            line++;
            if (matcher.matches(content)) {
                if (matches.size() >= MAX_RESULTS) {
                    return false;
                }
                String shownLine = content.endsWith("\r") ? content.substring(0, content.length() - 1) : content;
                matches.add(new Match(shown, line, shownLine.length() > MAX_LINE ? shownLine.substring(0, MAX_LINE) : shownLine));
            }
        }
        return budget[0] > 0;
    }

    /**
     * Replaces every occurrence of {@code pattern} (text, or a regular expression when {@code regex})
     * in each file; each file answers for itself, so one that cannot be edited does not stop the others.
     */
    public List<Replaced> replace(List<String> files, String pattern, String newValue, boolean regex) {
        if (files == null || files.isEmpty()) {
            throw new BadRequestException("files is required: the paths of the files to edit");
        }
        if (files.size() > MAX_FILES) {
            throw new BadRequestException("at most " + MAX_FILES + " files may be edited at once, were " + files.size());
        }
        if (pattern == null || pattern.isEmpty()) {
            throw new BadRequestException("pattern is required: the text to replace");
        }
        String replacement = newValue == null ? "" : newValue;
        java.util.regex.Pattern compiled = regex ? LineMatcher.compile(pattern) : null;
        List<Replaced> results = new ArrayList<>();
        for (String file : files) {
            try {
                results.add(replaceIn(file, pattern, compiled, replacement));
            } catch (BadRequestException | NotFoundException | ForbiddenException | ConflictException e) {
                results.add(new Replaced(file, false, 0, e.getMessage()));
            }
        }
        return results;
    }

    private Replaced replaceIn(String file, String pattern, java.util.regex.Pattern compiled, String replacement) {
        SandboxPath at = path(file);
        requireWritable(at);
        String text;
        try (SeekableByteChannel channel = openForEdit(at)) {
            if (channel.size() > MAX_TEXT_BYTES) {
                throw new BadRequestException("'" + at.shown() + "' is larger than " + MAX_TEXT_BYTES + " bytes: not edited");
            }
            text = TextFile.read(channel, MAX_TEXT_BYTES);
        } catch (IOException e) {
            throw missing(at, e);
        }
        if (text == null) {
            throw new BadRequestException("'" + at.shown() + "' is a binary file: not edited");
        }
        int count;
        String edited;
        if (compiled == null) {
            count = occurrences(text, pattern);
            edited = text.replace(pattern, replacement);
        } else {
            java.util.regex.Matcher matcher = compiled.matcher(LineMatcher.bounded(text, System.currentTimeMillis() + SEARCH_MILLIS));
            StringBuilder out = new StringBuilder();
            count = 0;
            while (matcher.find()) {
                count++;
                matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            edited = out.toString();
        }
        if (count > 0) {
            byte[] bytes = edited.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long grown = bytes.length - (long) text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (grown > 0 && grown > room()) {
                throw diskFull(grown, room());
            }
            write(at, new java.io.ByteArrayInputStream(bytes), Long.MAX_VALUE);
        }
        return new Replaced(at.shown(), true, count, null);
    }

    private SeekableByteChannel openForEdit(SandboxPath at) throws IOException {
        if (at.isRoot()) {
            throw new BadRequestException("'" + at.shown() + "' is a folder: name a file to edit");
        }
        try {
            return HostileTree.openPlainFile(at.root().hostDir(), at.steps());
        } catch (HostileTree.NotPlainFileException e) {
            throw notPlain(at, e);
        }
    }

    private static int occurrences(String text, String pattern) {
        int count = 0;
        for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + pattern.length())) {
            count++;
        }
        return count;
    }

    // --- the steps underneath --------------------------------------------------------------------

    /**
     * Writes {@code in} to the file at {@code at} through a new file in the same folder, made as the
     * root's owner's, renamed over the target at the end. At most {@code room} bytes are taken.
     */
    private long write(SandboxPath at, InputStream in, long room) {
        java.nio.file.Path root = at.root().hostDir();
        Integer uid = ownerOf(at.root());
        try {
            HostileTree.createFolders(root, at.parentSteps(), uid, FileModes.FOLDER);
        } catch (IOException e) {
            throw notOnTheWay(at, e);
        }
        Set<PosixFilePermission> mode = FileModes.FILE;
        PosixFileAttributes existing = attributesOrNull(at);
        if (existing != null && existing.isDirectory()) {
            throw new ConflictException("'" + at.shown() + "' is a folder: it cannot be replaced by a file");
        }
        if (existing != null && existing.isRegularFile()) {
            mode = existing.permissions();
        }
        String temporary = ".upload-" + UUID.randomUUID() + ".part";
        List<String> temporarySteps = new ArrayList<>(at.parentSteps());
        temporarySteps.add(temporary);
        long size;
        try {
            try (SeekableByteChannel out = HostileTree.createFile(root, at.parentSteps(), temporary, uid, mode);
                 OutputStream stream = Channels.newOutputStream(out)) {
                size = copy(in, stream, room);
            }
            HostileTree.rename(root, temporarySteps, at.steps(), true);
        } catch (IOException | RuntimeException e) {
            try {
                HostileTree.delete(root, temporarySteps);
            } catch (IOException | RuntimeException gone) {
                // Never made, or moved away by a program: nothing of ours is left there.
            }
            if (e instanceof ForbiddenException forbidden) {
                throw forbidden;
            }
            if (e instanceof IOException io && String.valueOf(io.getMessage()).contains("No space left")) {
                throw diskFull(-1, room());
            }
            if (e instanceof FileSystemException failed) {
                throw notOnTheWay(at, failed);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return size;
    }

    private long copy(InputStream in, OutputStream out, long room) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > room) {
                throw diskFull(total, room);
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    private long room() {
        return Math.max(0, diskLimitBytes - usedBytes.getAsLong());
    }

    /** @param wanted bytes asked for, or -1 when the disk itself ran full */
    private ForbiddenException diskFull(long wanted, long room) {
        return new ForbiddenException(ProblemCodes.SANDBOX_LIMIT, "the sandbox's disk has room for " + room + " more bytes"
                + (wanted < 0 ? "" : ", " + wanted + " were sent") + ": delete files first or create the sandbox with a larger disk_mb",
                Map.of("limit", "disk_mb", "allowed", diskLimitBytes / (1024 * 1024)));
    }

    /**
     * The uid new entries are given: the owner of the root folder, which is the sandbox's own uid
     * while it is started. The root folder is the host's own path (the data directory's), which no
     * sandbox can replace.
     */
    private static Integer ownerOf(LiveSandbox.FileRoots.Root root) {
        try {
            return (Integer) Files.getAttribute(root.hostDir(), "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox's files are not there: " + e.getMessage(), e);
        }
    }

    private static void walk(SandboxPath top, HostileTree.Visitor visitor) {
        try {
            HostileTree.walk(top.root().hostDir(), top.steps(), visitor);
        } catch (HostileTree.TreeTooLargeException e) {
            throw new BadRequestException(e.getMessage());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemException failed) {
                throw missing(top, failed);
            }
            throw e;
        }
    }

    /** The walk's relative path without the names of the folder the walk started in. */
    private static String below(String relative, int skip) {
        int at = 0;
        for (int i = 0; i < skip; i++) {
            at = relative.indexOf('/', at) + 1;
        }
        return relative.substring(at);
    }

    private static PosixFileAttributes attributes(SandboxPath at) {
        try {
            return HostileTree.attributes(at.root().hostDir(), at.steps());
        } catch (IOException e) {
            throw missing(at, e);
        }
    }

    private static PosixFileAttributes attributesOrNull(SandboxPath at) {
        try {
            return HostileTree.attributes(at.root().hostDir(), at.steps());
        } catch (IOException e) {
            return null;
        }
    }

    private static void requireFolder(SandboxPath at, PosixFileAttributes attrs) {
        if (!attrs.isDirectory()) {
            throw new BadRequestException("'" + at.shown() + "' is not a folder"
                    + (attrs.isSymbolicLink() ? " but a symbolic link (links are not followed)" : ""));
        }
    }

    private static void requireWritable(SandboxPath at) {
        if (at.root().readOnly()) {
            throw new ForbiddenException(ProblemCodes.FORBIDDEN, at.root().sandboxPath() + " is mounted read-only: '"
                    + at.shown() + "' cannot be changed", Map.of("path", at.shown()));
        }
    }

    private static RuntimeException notPlain(SandboxPath at, HostileTree.NotPlainFileException e) {
        if (e.isLink()) {
            return new BadRequestException("'" + at.shown() + "' is a symbolic link: links are not followed");
        }
        return new BadRequestException("'" + at.shown() + "' is not a plain file (" + reason(e) + ")");
    }

    private static NotFoundException missing(SandboxPath at, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new NotFoundException("no such file or folder: '" + at.shown() + "'");
        }
        return new NotFoundException("no such file or folder: '" + at.shown() + "' (" + reason(e) + " on the way; symbolic links are not followed)");
    }

    private static RuntimeException notOnTheWay(SandboxPath at, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new NotFoundException("no such folder on the way to '" + at.shown() + "'");
        }
        return new BadRequestException("cannot reach '" + at.shown() + "': " + reason(e) + " on the way (symbolic links are not followed)");
    }

    private static String parentShown(SandboxPath at) {
        String shown = at.shown();
        return shown.substring(0, shown.lastIndexOf('/'));
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason();
        }
        return e.getClass().getSimpleName();
    }
}
