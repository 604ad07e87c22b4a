package io.coderunner.engine.language;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns host paths into the mounts a sandbox needs to see them as they are on the host. A path
 * reached through a symbolic link (such as /lib64 -> usr/lib64, or /usr/bin/java ->
 * /etc/alternatives/java -> /usr/lib/jvm/...) gets the link recreated and its target shown, so a
 * program sees the same paths inside as outside, and nothing else.
 */
public final class MountPlanner {

    private final Map<String, Mount> mounts = new LinkedHashMap<>();

    public MountPlanner add(Path path) {
        addPath(path.toAbsolutePath().normalize(), 0);
        return this;
    }

    /** Adds a mount already planned (another language's, for a view that holds several toolchains). */
    public MountPlanner add(Mount mount) {
        mounts.putIfAbsent(mount.target(), mount);
        return this;
    }

    public List<Mount> plan() {
        // Parents before children, and nothing bound twice under an already bound directory.
        List<Mount> ordered = new ArrayList<>(mounts.values());
        ordered.sort((a, b) -> a.target().compareTo(b.target()));
        List<Mount> result = new ArrayList<>();
        for (Mount mount : ordered) {
            boolean covered = result.stream().anyMatch(parent -> parent.kind() == Mount.Kind.READ_ONLY_BIND
                    && mount.target().startsWith(parent.target() + "/"));
            if (!covered) {
                result.add(mount);
            }
        }
        return result;
    }

    private void addPath(Path path, int depth) {
        if (depth > 16 || mounts.containsKey(path.toString())) {
            return;
        }
        // A symbolic link among the ancestors: recreate it and continue at its target.
        Path prefix = path.getRoot();
        for (Path part : path) {
            prefix = prefix.resolve(part);
            if (Files.isSymbolicLink(prefix)) {
                Path target = linkTarget(prefix);
                mounts.putIfAbsent(prefix.toString(), Mount.symlink(readLink(prefix), prefix.toString()));
                Path rest = prefix.relativize(path);
                addPath(target.resolve(rest).normalize(), depth + 1);
                return;
            }
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            mounts.put(path.toString(), Mount.readOnly(path.toString()));
        }
    }

    private static Path linkTarget(Path link) {
        Path target = Path.of(readLink(link));
        return target.isAbsolute() ? target : link.getParent().resolve(target);
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read symbolic link " + link, e);
        }
    }
}
