package io.coderunner.server.workspaces;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.NotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves a path a client gave inside a root it may never leave (seed 003's audit: path traversal
 * and symbolic links). The path is relative, has no {@code ..}, NUL or backslash, stays under the
 * root once normalised, and no part of it that exists is a symbolic link — a link could point
 * anywhere on the host, and its target can change between a check and a use. Other modules whose
 * files a client names (terminal sessions) resolve them here too.
 */
public final class SafePaths {

    private SafePaths() {
    }

    public static Path resolve(Path root, String relative) {
        String value = relative == null ? "" : relative.strip();
        if (value.indexOf('\0') >= 0 || value.indexOf('\\') >= 0 || value.startsWith("/") || value.startsWith("~")) {
            throw new BadRequestException("path must be relative to the project, without '\\\\', NUL, '/' or '~' first: '" + printable(value) + "'");
        }
        for (String part : value.split("/")) {
            if (part.equals("..")) {
                throw new BadRequestException("path must not contain '..': '" + printable(value) + "'");
            }
        }
        Path resolved = root.resolve(value).normalize();
        if (!resolved.startsWith(root)) {
            throw new BadRequestException("path leaves the project: '" + printable(value) + "'");
        }
        for (Path p = resolved; p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new NotFoundException("no such file: '" + printable(value) + "' (symbolic links are not followed)");
            }
        }
        return resolved;
    }

    public static boolean isPlainFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

    public static boolean isPlainDirectory(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static String printable(String value) {
        return value.replace("\0", "\\0");
    }
}
