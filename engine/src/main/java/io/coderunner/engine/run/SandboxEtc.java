package io.coderunner.engine.run;

import io.coderunner.engine.NetworkAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The few /etc files every runtime shows a program instead of the host's: who uid 1000 is, the
 * sandbox's own host name, and name lookups from files first. Nothing of the host's /etc is shown.
 */
public final class SandboxEtc {

    /** The files, by name, as written into the directory given to {@link #write}. */
    public static final List<String> FILES = List.of("passwd", "group", "hosts", "nsswitch.conf");
    /** The resolver configuration of a stage with public network (written beside {@link #FILES}). */
    public static final String RESOLV_CONF = "resolv.conf";

    /** The passwd file of a resident sandbox, whose user's home is {@code /home/user} (written beside {@link #FILES}). */
    public static final String RESIDENT_PASSWD = "passwd-resident";

    private static final String HOSTS = "127.0.0.1 localhost sandbox\n::1 localhost ip6-localhost\n";

    private SandboxEtc() {
    }

    /**
     * The hosts file of a stage with this access, in {@code dir} (where {@link #write} wrote the
     * others): the usual one, or for destinations given by name one that also maps each name to
     * the addresses it resolved to, so the program needs no DNS to reach them and reaches the
     * addresses the firewall opened. Files are named by their content and written once.
     */
    public static Path hosts(Path dir, NetworkAccess access) throws IOException {
        String text = hostsText(access);
        if (text.equals(HOSTS)) {
            return dir.resolve("hosts");
        }
        Path file = dir.resolve("hosts-" + HexFormat.of().formatHex(sha256(text), 0, 8));
        if (!Files.exists(file)) {
            Path partial = Files.createTempFile(dir, "hosts", ".partial");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            // Readable inside the sandbox when a runtime mounts it by path (gVisor) rather than
            // handing over a descriptor; it names only addresses the stage is given anyway.
            Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hostsText(NetworkAccess access) {
        Set<String> lines = new LinkedHashSet<>();
        if (access instanceof NetworkAccess.Only only) {
            for (NetworkAccess.Destination destination : only.destinations()) {
                if (destination.named() && !destination.address().isLoopbackAddress()) {
                    lines.add(destination.address().getHostAddress() + " " + destination.name() + "\n");
                }
            }
        }
        return HOSTS + String.join("", lines);
    }

    /** The passwd file of a sandbox whose work directory, its user's home, is {@code home}. */
    public static Path passwd(Path dir, String home) {
        return dir.resolve(home.equals(io.coderunner.engine.ResidentSpec.HOME) ? RESIDENT_PASSWD : "passwd");
    }

    private static String passwdText(String home) {
        return "runner:x:" + Stage.SANDBOX_UID + ":" + Stage.SANDBOX_UID + ":runner:" + home
                + ":/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
    }

    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("passwd"), passwdText(Stage.SANDBOX_WORK_DIR), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(RESIDENT_PASSWD), passwdText(io.coderunner.engine.ResidentSpec.HOME), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("group"), "runner:x:" + Stage.SANDBOX_UID + ":\nnogroup:x:65534:\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts"), HOSTS, StandardCharsets.UTF_8);
        // A sandbox with network resolves names through its namespace's forwarder to the host's resolver.
        Files.writeString(dir.resolve(RESOLV_CONF), "nameserver " + UserModeNetwork.NAMESPACE_RESOLVER + "\noptions timeout:2 attempts:2\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n", StandardCharsets.UTF_8);
        return dir;
    }
}
