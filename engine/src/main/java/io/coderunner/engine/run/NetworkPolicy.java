package io.coderunner.engine.run;

import io.coderunner.engine.NetworkAccess;
import io.coderunner.engine.SandboxException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a sandbox with network may reach. With {@link NetworkAccess#PUBLIC}: public addresses only. The host's loopback, the host's
 * own addresses and the private, shared and link-local ranges (databases, the API itself, cloud
 * metadata at 169.254.169.254) are refused by a firewall inside the sandbox's own network
 * namespace, because the user-mode network stack would otherwise connect to anything the host can
 * reach. DNS goes to the namespace's forwarder only ({@link UserModeNetwork#NAMESPACE_RESOLVER}),
 * which pasta hands to the host's resolver. An administrator may open specific private address:port pairs (a package mirror) with
 * {@value #ALLOW_ENV}, a comma-separated list of {@code host:port} ({@code [v6]:port} for IPv6).
 *
 * <p>With {@link NetworkAccess.Only}: the listed destinations and nothing else, private or not:
 * whoever chose them (the administrator, naming a package index) chose exactly these, so neither
 * the public internet nor the allow-list is opened besides. Loopback is never listed: the
 * namespace's loopback is its own, and the host's is not addressable from it at all.
 *
 * @param onlyAllowed whether everything but {@code allowed} is refused, rather than what is forbidden
 */
public record NetworkPolicy(List<Allowed> allowed, boolean onlyAllowed) {

    public static final String ALLOW_ENV = "CODERUNNER_SANDBOX_NETWORK_ALLOW";

    static final List<String> FORBIDDEN_V4 = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
            "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3");
    static final List<String> FORBIDDEN_V6 = List.of(
            "::1/128", "::/128", "::ffff:0:0/96", "fc00::/7", "fe80::/10", "ff00::/8");

    /** One private address and TCP port an administrator opened. */
    public record Allowed(InetAddress address, int port) { }

    public NetworkPolicy {
        allowed = List.copyOf(allowed);
    }

    public NetworkPolicy(List<Allowed> allowed) {
        this(allowed, false);
    }

    /** The policy for a stage with this access: the allow-list's as it is now, or only the destinations. */
    public static NetworkPolicy of(NetworkAccess access) {
        return switch (access) {
            case NetworkAccess.Public ignored -> current();
            case NetworkAccess.Only only -> new NetworkPolicy(only.destinations().stream()
                    .filter(destination -> !destination.address().isLoopbackAddress())
                    .map(destination -> new Allowed(destination.address(), destination.port()))
                    .distinct().toList(), true);
            case NetworkAccess.None ignored -> throw new IllegalArgumentException("a stage without network has no policy");
        };
    }

    /** The same list as a system property, which takes precedence (an embedding program, tests). */
    public static final String ALLOW_PROPERTY = "coderunner.sandbox.network.allow";

    /**
     * The policy now: read for every sandbox with network, so a change to the setting applies to
     * the next one, and names in it are resolved when it is used.
     */
    public static NetworkPolicy current() {
        String property = System.getProperty(ALLOW_PROPERTY);
        return parse(property != null ? property : System.getenv(ALLOW_ENV));
    }

    /** Parses "10.0.0.5:3128,[fd00::1]:443"; names are resolved once, now. */
    public static NetworkPolicy parse(String list) {
        List<Allowed> allowed = new ArrayList<>();
        if (list != null) {
            for (String item : list.split(",")) {
                String entry = item.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                int colon = entry.lastIndexOf(':');
                if (colon <= 0) {
                    throw new SandboxException(ALLOW_ENV + ": '" + entry + "' is not host:port");
                }
                String host = entry.substring(0, colon).replace("[", "").replace("]", "");
                try {
                    int port = Integer.parseInt(entry.substring(colon + 1));
                    if (port < 1 || port > 65535) {
                        throw new NumberFormatException();
                    }
                    allowed.add(new Allowed(InetAddress.getByName(host), port));
                } catch (NumberFormatException e) {
                    throw new SandboxException(ALLOW_ENV + ": '" + entry + "' has no valid port");
                } catch (java.net.UnknownHostException e) {
                    throw new SandboxException(ALLOW_ENV + ": cannot resolve '" + host + "'");
                }
            }
        }
        return new NetworkPolicy(allowed);
    }

    /**
     * The nftables rule set loaded in the sandbox's namespace. Its own loopback stays usable (it
     * is the namespace's, not the host's); the allowed pairs come before the refusals; then the
     * forbidden ranges and every address of the host are rejected, so a connect fails at once;
     * or, when only the allowed pairs may be reached, everything else is (DNS included: the names
     * of the destinations are pinned in the sandbox's hosts file instead).
     */
    String nftRules() {
        StringBuilder rules = new StringBuilder();
        rules.append("table inet coderunner {\n")
                .append("  chain output {\n")
                .append("    type filter hook output priority 0; policy accept;\n")
                .append("    oif \"lo\" accept\n");
        for (Allowed entry : allowed) {
            String family = entry.address() instanceof java.net.Inet6Address ? "ip6" : "ip";
            rules.append("    ").append(family).append(" daddr ").append(entry.address().getHostAddress())
                    .append(" tcp dport ").append(entry.port()).append(" accept\n");
        }
        if (onlyAllowed) {
            return rules.append("    reject with icmpx type admin-prohibited\n")
                    .append("  }\n}\n").toString();
        }
        // Names are resolved by the host's resolver, through pasta's forwarder at this one address
        // and port: the sandbox neither learns nor reaches the resolver itself (often a private address).
        rules.append("    ip daddr ").append(UserModeNetwork.NAMESPACE_RESOLVER).append(" udp dport 53 accept\n");
        List<String> v4 = new ArrayList<>(FORBIDDEN_V4);
        List<String> v6 = new ArrayList<>(FORBIDDEN_V6);
        for (InetAddress own : hostAddresses()) {
            if (own instanceof java.net.Inet6Address) {
                v6.add(stripScope(own.getHostAddress()) + "/128");
            } else {
                v4.add(own.getHostAddress() + "/32");
            }
        }
        rules.append("    ip daddr { ").append(String.join(", ", v4)).append(" } reject with icmpx type admin-prohibited\n")
                .append("    ip6 daddr { ").append(String.join(", ", v6)).append(" } reject with icmpx type admin-prohibited\n")
                .append("  }\n}\n");
        return rules.toString();
    }

    private static String stripScope(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }

    private static List<InetAddress> hostAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            throw new SandboxException("cannot list the host's addresses: " + e.getMessage(), e);
        }
        return addresses;
    }
}
