package io.coderunner.engine.bubblewrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bwrap command line read back as its option groups, each an option with its arguments on one
 * line ("--ro-bind /usr/lib /usr/lib"), and the command after "--". Comparing groups keeps an
 * expected command line readable, and an option this does not know fails the reading rather than
 * being taken for another's argument.
 */
record BwrapOptions(String program, List<String> groups, List<String> command) {

    /** How many arguments each option bwrap is given takes. */
    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("--unshare-user", 0), Map.entry("--unshare-pid", 0), Map.entry("--unshare-ipc", 0),
            Map.entry("--unshare-uts", 0), Map.entry("--unshare-cgroup-try", 0), Map.entry("--unshare-net", 0),
            Map.entry("--as-pid-1", 0), Map.entry("--new-session", 0), Map.entry("--disable-userns", 0),
            Map.entry("--die-with-parent", 0), Map.entry("--clearenv", 0),
            Map.entry("--uid", 1), Map.entry("--gid", 1), Map.entry("--hostname", 1), Map.entry("--proc", 1),
            Map.entry("--tmpfs", 1), Map.entry("--perms", 1), Map.entry("--size", 1), Map.entry("--chdir", 1),
            Map.entry("--remount-ro", 1), Map.entry("--seccomp", 1),
            Map.entry("--bind-fd", 2), Map.entry("--ro-bind-fd", 2), Map.entry("--file", 2), Map.entry("--bind", 2),
            Map.entry("--ro-bind", 2), Map.entry("--dev-bind", 2), Map.entry("--symlink", 2), Map.entry("--setenv", 2));

    static BwrapOptions read(List<String> args) {
        List<String> groups = new ArrayList<>();
        int i = 1;
        while (!args.get(i).equals("--")) {
            String option = args.get(i);
            Integer arity = ARITY.get(option);
            if (arity == null) {
                throw new IllegalArgumentException("not an option bwrap is known to be given: " + option + " in " + args);
            }
            groups.add(String.join(" ", args.subList(i, i + 1 + arity)));
            i += 1 + arity;
        }
        return new BwrapOptions(args.get(0), groups, args.subList(i + 1, args.size()));
    }

    /** The groups from the first that starts with {@code from} up to, not including, the first that starts with {@code to}. */
    List<String> between(String from, String to) {
        int start = indexOf(from);
        int end = indexOf(to);
        return groups.subList(start, end);
    }

    int indexOf(String prefix) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no option group starts with '" + prefix + "' in " + groups);
    }

    /** The groups of this option. */
    List<String> all(String option) {
        return groups.stream().filter(group -> group.equals(option) || group.startsWith(option + " ")).toList();
    }
}
