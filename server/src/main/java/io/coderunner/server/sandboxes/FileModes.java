package io.coderunner.server.sandboxes;

import io.coderunner.server.http.BadRequestException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * File modes as clients write them ({@code 755}, {@code 0644}, {@code 0o700}) and as the API shows
 * them. Only the nine permission bits are accepted: setuid, setgid and sticky bits on files the
 * host keeps are refused, as the engine strips them when it takes a tree back.
 */
final class FileModes {

    /** Bits in the order {@code ls -l} shows them, highest first. */
    private static final PosixFilePermission[] ORDER = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};

    static final Set<PosixFilePermission> FILE = parse("mode", "0644");
    static final Set<PosixFilePermission> FOLDER = parse("mode", "0755");

    private FileModes() {
    }

    /** The permissions an octal text names; 400 naming {@code field} when it is not one. */
    static Set<PosixFilePermission> parse(String field, String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith("0o") || value.startsWith("0O")) {
            value = value.substring(2);
        }
        if (!value.matches("[0-7]{1,4}")) {
            throw new BadRequestException(field + " must be an octal mode such as 755 or 0644, was '" + text + "'");
        }
        int bits = Integer.parseInt(value, 8);
        if (bits > 0777) {
            throw new BadRequestException(field + ": setuid, setgid and sticky bits cannot be set, was '" + text + "'");
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < ORDER.length; i++) {
            if ((bits & (0400 >> i)) != 0) {
                permissions.add(ORDER[i]);
            }
        }
        return permissions;
    }

    /** Four octal digits, e.g. {@code 0644}. */
    static String octal(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (int i = 0; i < ORDER.length; i++) {
            if (permissions.contains(ORDER[i])) {
                bits |= 0400 >> i;
            }
        }
        return String.format("%04o", bits);
    }

    /** As {@code ls -l} shows it, e.g. {@code -rw-r--r--} or {@code drwxr-xr-x}. */
    static String symbolic(PosixFileAttributes attrs) {
        StringBuilder text = new StringBuilder(10);
        text.append(attrs.isDirectory() ? 'd' : attrs.isSymbolicLink() ? 'l' : attrs.isRegularFile() ? '-' : '?');
        String letters = "rwxrwxrwx";
        for (int i = 0; i < ORDER.length; i++) {
            text.append(attrs.permissions().contains(ORDER[i]) ? letters.charAt(i) : '-');
        }
        return text.toString();
    }
}
