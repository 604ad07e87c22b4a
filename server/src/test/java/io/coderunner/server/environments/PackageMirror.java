package io.coderunner.server.environments;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Where the tests' package index and registry listen, as a site's own mirror would: on an address
 * of this host that is not loopback (a sandbox's 127.0.0.1 is its own). Sandboxes are refused the
 * host's addresses, and it is not on their allow-list: being the configured index is what lets an
 * install, and only an install, reach it.
 */
final class PackageMirror {

    private PackageMirror() {
    }

    /** The first IPv4 address of an interface that is up and not loopback. */
    static InetAddress address() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the package tests need an IPv4 address on an interface other than loopback");
    }
}
