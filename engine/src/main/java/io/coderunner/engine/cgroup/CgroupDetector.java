package io.coderunner.engine.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where this process's control groups are, from /proc/self/cgroup and
 * /proc/self/mountinfo, and picks v2 when its controllers are usable, else v1, else none.
 */
final class CgroupDetector {

    private static final Logger log = LoggerFactory.getLogger(CgroupDetector.class);
    static final List<String> V1_REQUIRED = List.of("memory", "pids", "cpuacct");

    private CgroupDetector() {
    }

    static CgroupSystem detect(String groupName) {
        try {
            return detect(Files.readAllLines(Path.of("/proc/self/cgroup")),
                    Files.readAllLines(Path.of("/proc/self/mountinfo")), groupName);
        } catch (IOException e) {
            log.warn("Cannot read /proc/self/cgroup: limits on memory and processes are not enforced");
            return new NoCgroupSystem("none (cannot read /proc/self/cgroup)");
        }
    }

    static CgroupSystem detect(List<String> cgroupLines, List<String> mountinfoLines, String groupName) {
        Map<String, Path> v1Mounts = new HashMap<>();
        Path v2Mount = null;
        for (String line : mountinfoLines) {
            // mountinfo: id parent major:minor root mountpoint options ... - fstype source superoptions
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            Path mountPoint = Path.of(unescape(left[4]));
            if (right[0].equals("cgroup2")) {
                if (v2Mount == null || mountPoint.toString().equals("/sys/fs/cgroup")) {
                    v2Mount = mountPoint;
                }
            } else if (right[0].equals("cgroup")) {
                for (String option : right[2].split(",")) {
                    v1Mounts.putIfAbsent(option, mountPoint);
                }
            }
        }
        Map<String, String> v1Paths = new HashMap<>();
        String v2Path = null;
        for (String line : cgroupLines) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            if (parts[0].equals("0") && parts[1].isEmpty()) {
                v2Path = parts[2];
            } else {
                for (String controller : parts[1].split(",")) {
                    v1Paths.put(controller, parts[2]);
                }
            }
        }

        if (v2Mount != null && v2Path != null) {
            Path own = v2Mount.resolve(relative(v2Path));
            String controllers = CgroupFiles.read(v2Mount.resolve("cgroup.controllers"));
            if (controllers.contains("memory") && controllers.contains("pids")) {
                Optional<CgroupSystem> v2 = CgroupV2System.open(own, groupName);
                if (v2.isPresent()) {
                    return v2.get();
                }
            }
        }
        if (V1_REQUIRED.stream().allMatch(c -> v1Mounts.containsKey(c) && v1Paths.containsKey(c))) {
            Map<String, Path> bases = new HashMap<>();
            for (String controller : List.of("memory", "pids", "cpuacct", "freezer", "cpu")) {
                if (v1Mounts.containsKey(controller) && v1Paths.containsKey(controller)) {
                    bases.put(controller, v1Mounts.get(controller).resolve(relative(v1Paths.get(controller))).resolve(groupName));
                }
            }
            Optional<CgroupSystem> v1 = CgroupV1System.open(bases);
            if (v1.isPresent()) {
                return v1.get();
            }
        }
        log.warn("No writable cgroup controllers for memory, pids and cpu: limits are enforced by rlimits only");
        return new NoCgroupSystem("none (no writable cgroup controllers)");
    }

    private static String relative(String cgroupPath) {
        return cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
    }

    private static String unescape(String mountinfoField) {
        return mountinfoField.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
