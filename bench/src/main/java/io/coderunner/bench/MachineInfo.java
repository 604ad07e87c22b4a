package io.coderunner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: they mean little without it. */
final class MachineInfo {

    private MachineInfo() {
    }

    static Map<String, String> describe() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("CPU", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
        facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        facts.put("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal"));
        facts.put("kernel", command("uname", "-r"));
        facts.put("cgroups", Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "v2" : "v1");
        facts.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("bubblewrap", command("/usr/bin/bwrap", "--version"));
        facts.put("python", command("/usr/bin/python3", "--version"));
        facts.put("node", command("/usr/bin/node", "--version"));
        facts.put("gcc", command("/usr/bin/gcc", "-dumpfullversion"));
        return facts;
    }

    private static String firstMatch(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("?");
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
