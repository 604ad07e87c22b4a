package io.coderunner.server.sandboxes;

import io.coderunner.server.http.BadRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A path a client named in a sandbox, mapped onto one of its file roots (its home or a volume):
 * the root and the names from it, one by one. The path is absolute as the sandbox sees it
 * ({@code /home/user/a.txt}) or relative to the home; it is normalised as text first, so that
 * {@code ..} can only ever lead to another root or to nowhere, never out of one through the host.
 * Whether a step is a link is decided later, when it is met (see {@link SandboxFiles}).
 */
record SandboxPath(LiveSandbox.FileRoots.Root root, List<String> steps) {

    /** The path as the sandbox sees it. */
    String shown() {
        return steps.isEmpty() ? root.sandboxPath() : root.sandboxPath() + "/" + String.join("/", steps);
    }

    /** The last name on the path (the root's own when it is the root). */
    String name() {
        return steps.isEmpty() ? root.sandboxPath().substring(root.sandboxPath().lastIndexOf('/') + 1) : steps.getLast();
    }

    boolean isRoot() {
        return steps.isEmpty();
    }

    /** The folder this entry is in: its steps without the last. */
    List<String> parentSteps() {
        return steps.subList(0, steps.size() - 1);
    }

    SandboxPath child(String name) {
        List<String> next = new ArrayList<>(steps);
        next.add(name);
        return new SandboxPath(root, List.copyOf(next));
    }

    /** Resolves {@code path} (blank: the home) against the roots; 400 naming the roots when it is in none. */
    static SandboxPath of(LiveSandbox.FileRoots roots, String path) {
        String value = path == null ? "" : path.strip();
        if (value.indexOf('\0') >= 0) {
            throw new BadRequestException("path must not contain NUL characters");
        }
        if (value.length() > 4096) {
            throw new BadRequestException("path is longer than 4096 characters");
        }
        String absolute = value.startsWith("/") ? value : roots.home().sandboxPath() + "/" + value;
        List<String> names = normalised(absolute);
        List<LiveSandbox.FileRoots.Root> all = new ArrayList<>();
        all.add(roots.home());
        all.addAll(roots.volumes());
        // The deepest root that holds the path: a volume could lie under another root.
        all.sort(Comparator.comparingInt((LiveSandbox.FileRoots.Root r) -> r.sandboxPath().length()).reversed());
        for (LiveSandbox.FileRoots.Root root : all) {
            List<String> rootNames = normalised(root.sandboxPath());
            if (names.size() >= rootNames.size() && names.subList(0, rootNames.size()).equals(rootNames)) {
                for (String name : names.subList(rootNames.size(), names.size())) {
                    if (name.length() > 255) {
                        throw new BadRequestException("a name on the path is longer than 255 bytes: '" + value + "'");
                    }
                }
                return new SandboxPath(root, List.copyOf(names.subList(rootNames.size(), names.size())));
            }
        }
        throw new BadRequestException("'" + value + "' is outside the sandbox's files: paths must be under "
                + String.join(", ", all.stream().map(LiveSandbox.FileRoots.Root::sandboxPath).sorted().toList()));
    }

    /** The names of an absolute path once '.', empty names and '..' are applied as text. */
    private static List<String> normalised(String absolute) {
        List<String> names = new ArrayList<>();
        for (String name : absolute.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!names.isEmpty()) {
                    names.removeLast();
                }
                continue;
            }
            names.add(name);
        }
        return names;
    }
}
