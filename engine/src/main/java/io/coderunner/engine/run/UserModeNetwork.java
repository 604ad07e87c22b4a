package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of a sandbox's own, reaching out through pasta (user-mode networking), with
 * an nftables firewall inside that refuses what {@link NetworkPolicy} forbids. The sandbox never
 * shares the host's namespace, so the host's loopback services are not even addressable; pasta is
 * started with no port forwarding and without mapping the gateway to the host. The program runs
 * without capabilities in a user namespace, so it cannot change the rules. Closing it ends pasta
 * and removes the namespace: nothing outlives the stage.
 */
final class UserModeNetwork implements AutoCloseable {

    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static final long READY_TIMEOUT_MS = 5000;

    private final String name;
    private Process pasta;

    private UserModeNetwork(String name) {
        this.name = name;
    }

    /** @param name unique among live sandboxes; becomes /run/netns/coderunner-NAME */
    static UserModeNetwork open(String name, NetworkPolicy policy) {
        UserModeNetwork network = new UserModeNetwork("coderunner-" + name);
        try {
            network.start(policy);
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The sandbox's side of the link to pasta; the firewall's rules never depend on it. */
    static final String NAMESPACE_ADDRESS = "10.200.0.2";
    static final String NAMESPACE_GATEWAY = "10.200.0.1";
    /**
     * The resolver a sandbox with network is given (its resolv.conf): pasta forwards DNS queries
     * to it to the host's resolver, so names resolve wherever the host's resolver is, even on a
     * private address the firewall refuses otherwise.
     */
    public static final String NAMESPACE_RESOLVER = "10.200.0.53";

    /** The namespace's path, for {@code nsenter --net=}. */
    Path path() {
        return NETNS_DIR.resolve(name);
    }

    private void start(NetworkPolicy policy) {
        if (Files.exists(path())) {
            // Left by an engine that died: nothing else uses the name.
            run(List.of("ip", "netns", "delete", name), null);
        }
        run(List.of("ip", "netns", "add", name), null);
        // The firewall goes in before pasta gives the namespace an interface to the outside.
        run(List.of("ip", "netns", "exec", name, "nft", "-f", "-"), policy.nftRules());
        try {
            // As root, pasta would switch to nobody, which cannot enter a namespace root made.
            pasta = EngineThreads.spawn(new ProcessBuilder("pasta", "--netns", path().toString(), "--runas", "0",
                    "--no-map-gw", "-t", "none", "-u", "none", "-T", "none", "-U", "none",
                    // An address of its own, not the host's (pasta's default): with the host's,
                    // the host's own address would be the namespace itself, and an allowed mirror
                    // on it could never be reached.
                    "--address", NAMESPACE_ADDRESS, "--netmask", "24", "--gateway", NAMESPACE_GATEWAY,
                    // DNS to this address goes to the host's first resolver (pasta reads the host's
                    // resolv.conf); nothing else of the host is mapped.
                    "--dns-forward", NAMESPACE_RESOLVER, "--config-net", "-f", "--quiet")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD));
        } catch (IOException e) {
            throw new SandboxException("cannot start pasta (install the 'passt' package): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (!hasDefaultRoute()) {
            if (!pasta.isAlive() || System.nanoTime() > deadline) {
                throw new SandboxException("pasta did not configure the sandbox's network namespace");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while starting the sandbox's network");
            }
        }
    }

    private boolean hasDefaultRoute() {
        return !run(List.of("ip", "-n", name, "route", "show", "default"), null).isBlank();
    }

    private static String run(List<String> command, String input) {
        try {
            Process process = EngineThreads.spawn(new ProcessBuilder(command).redirectErrorStream(true));
            try (var in = process.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new SandboxException("cannot set up the sandbox's network (" + String.join(" ", command)
                        + "): " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new SandboxException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while setting up the sandbox's network");
        }
    }

    @Override
    public void close() {
        if (pasta != null) {
            pasta.destroyForcibly();
            try {
                pasta.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Files.exists(path())) {
            try {
                run(List.of("ip", "netns", "delete", name), null);
            } catch (SandboxException e) {
                // Reported by the next open of the same name, which deletes it first.
            }
        }
    }
}
