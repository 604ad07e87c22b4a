package io.coderunner.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a stage may reach over the network: nothing ({@link #NONE}), public addresses
 * ({@link #PUBLIC}: the host, private ranges and link-local refused, the administrator's
 * allow-list opened), or {@link Only} some TCP destinations and nothing else — a package manager
 * that must reach one configured index and must not be a way out to anything else.
 */
public sealed interface NetworkAccess {

    NetworkAccess NONE = new None();
    NetworkAccess PUBLIC = new Public();

    /** Whether the stage has a network at all. */
    default boolean any() {
        return !(this instanceof None);
    }

    /** The more restrictive of this and {@code ceiling}: what both allow. */
    NetworkAccess cappedBy(NetworkAccess ceiling);

    /**
     * Only the given destinations, with every address each name resolves to now: the firewall
     * holds these addresses and the sandbox's hosts file pins the names to them, so a name that
     * later resolves elsewhere (a short-lived DNS answer, a rebinding) changes nothing.
     *
     * @throws SandboxException when a name does not resolve
     */
    static Only resolving(List<InetSocketAddress> destinations) {
        List<Destination> resolved = new ArrayList<>();
        for (InetSocketAddress destination : destinations) {
            String host = destination.getHostString();
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    resolved.add(new Destination(host, address, destination.getPort()));
                }
            } catch (UnknownHostException e) {
                throw new SandboxException("cannot resolve '" + host + "', a destination the sandbox may reach");
            }
        }
        return new Only(resolved);
    }

    record None() implements NetworkAccess {
        @Override
        public NetworkAccess cappedBy(NetworkAccess ceiling) {
            return this;
        }
    }

    record Public() implements NetworkAccess {
        @Override
        public NetworkAccess cappedBy(NetworkAccess ceiling) {
            return ceiling;
        }
    }

    record Only(List<Destination> destinations) implements NetworkAccess {

        public Only {
            destinations = List.copyOf(destinations);
        }

        @Override
        public NetworkAccess cappedBy(NetworkAccess ceiling) {
            return switch (ceiling) {
                case None none -> none;
                case Public ignored -> this;
                case Only other -> new Only(destinations.stream().filter(other.destinations::contains).toList());
            };
        }
    }

    /**
     * One address and TCP port the stage may connect to.
     *
     * @param name the name it was given by (a host name, or the address written out)
     */
    record Destination(String name, InetAddress address, int port) {

        private static final Pattern LITERAL = Pattern.compile("[0-9.]+|.*:.*");

        public Destination {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
        }

        /** Whether {@link #name} is a name to pin in the hosts file rather than an address. */
        public boolean named() {
            return !LITERAL.matcher(name).matches();
        }
    }
}
