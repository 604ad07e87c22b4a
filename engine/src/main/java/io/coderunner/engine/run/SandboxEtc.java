package io.coderunner.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The few /etc files every runtime shows a program instead of the host's: who uid 1000 is, the
 * sandbox's own host name, and name lookups from files first. Nothing of the host's /etc is shown.
 */
public final class SandboxEtc {

    /** The files, by name, as written into the directory given to {@link #write}. */
    public static final List<String> FILES = List.of("passwd", "group", "hosts", "nsswitch.conf");

    private SandboxEtc() {
    }

    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("passwd"), "runner:x:" + Stage.SANDBOX_UID + ":" + Stage.SANDBOX_UID
                + ":runner:/work:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("group"), "runner:x:" + Stage.SANDBOX_UID + ":\nnogroup:x:65534:\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost sandbox\n::1 localhost ip6-localhost\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n", StandardCharsets.UTF_8);
        return dir;
    }
}
