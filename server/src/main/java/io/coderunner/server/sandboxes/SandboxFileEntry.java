package io.coderunner.server.sandboxes;

import io.coderunner.server.http.Timestamps;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * A file, folder or link in a sandbox as the file API shows it. A link is shown as a link (its
 * own size and mode), never as what it points to.
 *
 * @param path        where the sandbox sees it
 * @param mode        the permission bits in octal, e.g. {@code 0644}
 * @param permissions as {@code ls -l} shows them, e.g. {@code -rw-r--r--}
 * @param type        file, folder, link or other (a FIFO, socket or device)
 * @param modTime     last change of its content, ISO-8601
 */
public record SandboxFileEntry(String name, String path, boolean isDir, String type, long size, String mode,
                               String permissions, String owner, String group, String modTime) {

    static SandboxFileEntry of(String name, String path, PosixFileAttributes attrs) {
        String type = attrs.isSymbolicLink() ? "link" : attrs.isDirectory() ? "folder" : attrs.isRegularFile() ? "file" : "other";
        return new SandboxFileEntry(name, path, attrs.isDirectory(), type, attrs.isDirectory() ? 0 : attrs.size(),
                FileModes.octal(attrs.permissions()), FileModes.symbolic(attrs), attrs.owner().getName(), attrs.group().getName(),
                Timestamps.iso(attrs.lastModifiedTime().toMillis()));
    }
}
