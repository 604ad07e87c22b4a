package io.coderunner.engine.gvisor;

import io.coderunner.engine.NetworkAccess;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.language.Mount;
import io.coderunner.engine.run.SandboxEtc;
import io.coderunner.engine.run.Stage;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OCI bundle runsc starts a stage from: {@code config.json}, and {@code rootfs}, an empty
 * directory that the engine fills with nothing but mount points and the language's symbolic links,
 * and that the sandbox sees read-only.
 *
 * <p>OCI has no mount type for a symbolic link, so each {@link Mount.Kind#SYMLINK} of the stage
 * (such as /lib64 -> usr/lib64) is created as a real link in the root directory; the sandbox reads
 * it through its read-only root like any other file.
 */
final class OciBundle {

    static final String CONFIG = "config.json";
    static final String ROOTFS = "rootfs";
    /**
     * Host files a stage allowed to use the network needs to resolve names and check certificates,
     * the same bubblewrap gives (the resolver it names must be a public address: the firewall
     * refuses private ones like any other).
     */
    private static final List<String> NETWORK_FILES = List.of("/etc/ssl", "/usr/share/ca-certificates");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OciBundle() {
    }

    /** What the sandbox sees, in mount order: parents before children. */
    static List<OciMount> mounts(Stage stage, Path etc, String controlDir) {
        List<OciMount> mounts = new ArrayList<>();
        mounts.add(OciMount.internal("proc", "/proc", List.of()));
        // gVisor puts its own emulated devices here (null, zero, full, random, urandom, tty, ptmx):
        // none of them is a host device.
        mounts.add(OciMount.internal("tmpfs", "/dev", List.of("mode=755", "size=65536")));
        for (Mount mount : stage.mounts()) {
            switch (mount.kind()) {
                case READ_ONLY_BIND, ENVIRONMENT_READ_ONLY, VOLUME_READ_ONLY -> mounts.add(OciMount.readOnly(mount.source(), mount.target()));
                case ENVIRONMENT_WRITABLE, VOLUME_WRITABLE -> mounts.add(OciMount.writable(mount.source(), mount.target()));
                case SYMLINK -> {
                    // made in the root file system, after the mount points
                }
            }
        }
        for (String name : SandboxEtc.FILES) {
            mounts.add(OciMount.readOnly(name.equals("hosts") ? hosts(etc, stage) : etc.resolve(name).toString(),
                    "/etc/" + name));
        }
        // As under bubblewrap: a stage with public network resolves through its namespace's
        // forwarder to the host's resolver; one that may reach only some destinations has their
        // names in its hosts file and no resolver.
        if (stage.limits().networkAccess() instanceof NetworkAccess.Public) {
            mounts.add(OciMount.readOnly(etc.resolve(SandboxEtc.RESOLV_CONF).toString(), "/etc/resolv.conf"));
        }
        if (stage.limits().network()) {
            for (String path : NETWORK_FILES) {
                if (Files.exists(Path.of(path))) {
                    mounts.add(OciMount.readOnly(path, path));
                }
            }
        }
        mounts.add(OciMount.writable(stage.workDir().toString(), Stage.SANDBOX_WORK_DIR));
        mounts.add(OciMount.readOnly(stage.stateDir().toString(), controlDir));
        mounts.add(OciMount.internal("tmpfs", "/tmp",
                List.of("mode=1777", "size=" + stage.limits().diskBytes())));
        return mounts;
    }

    private static String hosts(Path etc, Stage stage) {
        try {
            return SandboxEtc.hosts(etc, stage.limits().networkAccess()).toString();
        } catch (IOException e) {
            throw new SandboxException("cannot write the sandbox's hosts file in " + etc + ": "
                    + e.getMessage(), e);
        }
    }

    /** The bundle's config.json. */
    static Map<String, Object> config(Stage stage, List<String> init, List<OciMount> mounts) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        process.put("user", Map.of("uid", Stage.SANDBOX_UID, "gid", Stage.SANDBOX_UID));
        process.put("args", List.copyOf(init));
        process.put("env", stage.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        process.put("cwd", Stage.SANDBOX_WORK_DIR);
        List<String> none = List.of();
        process.put("capabilities", Map.of("bounding", none, "effective", none, "inheritable", none,
                "permitted", none, "ambient", none));
        process.put("noNewPrivileges", true);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", "1.0.2");
        config.put("process", process);
        config.put("root", Map.of("path", ROOTFS, "readonly", true));
        config.put("hostname", "sandbox");
        config.put("mounts", mounts.stream().map(OciMount::toJson).toList());
        config.put("linux", linux(stage));
        return config;
    }

    /**
     * Namespaces, and no cgroupsPath: the engine has already put the launcher in the stage's control
     * groups, and runsc is told to leave cgroups alone.
     *
     * <p>The user namespace is the one runsc's gofer (the process that opens files for the sandbox)
     * runs in. Mapping the slot's host uid to the program's uid makes the program the owner of its
     * work and control directories, as under bubblewrap, and makes what it writes belong to the slot's
     * uid on the host. Root is mapped too because runsc starts the gofer as uid 0 of that namespace;
     * it keeps the capabilities it always has there, but only over files of those two owners.
     */
    private static Map<String, Object> linux(Stage stage) {
        List<Map<String, String>> namespaces = new ArrayList<>();
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.add(Map.of("type", type));
        }
        // A stage with network asks for no network namespace: runsc, started inside the stage's own
        // (with its firewall), stays there with --network=host. A new, empty one would cut it off,
        // and one given by path is what --network=sandbox would take over.
        if (!stage.limits().network()) {
            namespaces.add(Map.of("type", "network"));
        }
        Map<String, Object> linux = new LinkedHashMap<>();
        if (stage.hostUid() != null) {
            namespaces.add(Map.of("type", "user"));
            List<Map<String, Integer>> ids = List.of(
                    Map.of("containerID", 0, "hostID", 0, "size", 1),
                    Map.of("containerID", Stage.SANDBOX_UID, "hostID", stage.hostUid(), "size", 1));
            linux.put("uidMappings", ids);
            linux.put("gidMappings", ids);
        }
        linux.put("namespaces", namespaces);
        return linux;
    }

    /** Writes the bundle into {@code dir}, replacing what an earlier launch of the slot left there. */
    static void write(Path dir, Map<String, Object> config, List<OciMount> mounts, List<Mount> stageMounts) {
        Path rootfs = dir.resolve(ROOTFS);
        try {
            deleteTree(rootfs);
            Files.createDirectories(rootfs);
            // Every mount point exists before runsc starts, so runsc never writes into the root itself.
            directory(rootfs, "/sys");
            for (OciMount mount : mounts) {
                if (mount.bind() && !Files.isDirectory(Path.of(mount.source()))) {
                    Path file = directory(rootfs, parentOf(mount.destination())).resolve(nameOf(mount.destination()));
                    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createFile(file);
                    }
                } else {
                    directory(rootfs, mount.destination());
                }
            }
            // Links last: no mount point is ever made through one of them.
            for (Mount mount : stageMounts) {
                if (mount.kind() == Mount.Kind.SYMLINK) {
                    Path link = directory(rootfs, parentOf(mount.target())).resolve(nameOf(mount.target()));
                    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, Path.of(mount.source()));
                    }
                }
            }
            JSON.writeValue(dir.resolve(CONFIG).toFile(), config);
        } catch (IOException | RuntimeException e) {
            throw new SandboxException("cannot write the gVisor bundle in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code path} (absolute, as seen inside) under the root directory, never following a link. */
    private static Path directory(Path rootfs, String path) throws IOException {
        Path current = rootfs;
        if (path.equals("/")) {
            return current;
        }
        for (Path part : Path.of("/").relativize(Path.of(path))) {
            current = current.resolve(part.toString());
            if (Files.isSymbolicLink(current)) {
                throw new IOException("mount point " + path + " would pass through the link " + current);
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
        }
        return current;
    }

    private static String parentOf(String path) {
        Path parent = Path.of(path).getParent();
        return parent == null ? "/" : parent.toString();
    }

    private static String nameOf(String path) {
        return Path.of(path).getFileName().toString();
    }

    /** Deletes a tree of directories, empty files and links, never following a link. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
