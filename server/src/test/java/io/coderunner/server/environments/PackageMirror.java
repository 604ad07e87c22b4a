package io.coderunner.server.environments;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the tests' package index and registry listen, as a site's own mirror would: on an address
 * of this host that is not loopback (a sandbox's 127.0.0.1 is its own), opened to sandboxes by the
 * administrator's allow-list ({@code CODERUNNER_SANDBOX_NETWORK_ALLOW}, set here as the system
 * property the engine reads first) — that address and port only, for as long as the mirror runs.
 */
final class PackageMirror {

    private static final String ALLOW = "coderunner.sandbox.network.allow";

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

    static synchronized void allow(InetSocketAddress listening) {
        List<String> entries = entries();
        entries.add(entry(listening));
        System.setProperty(ALLOW, String.join(",", entries));
    }

    static synchronized void forget(InetSocketAddress listening) {
        List<String> entries = entries();
        entries.remove(entry(listening));
        if (entries.isEmpty()) {
            System.clearProperty(ALLOW);
        } else {
            System.setProperty(ALLOW, String.join(",", entries));
        }
    }

    private static String entry(InetSocketAddress listening) {
        return listening.getAddress().getHostAddress() + ":" + listening.getPort();
    }

    private static List<String> entries() {
        String current = System.getProperty(ALLOW, "");
        List<String> entries = new ArrayList<>();
        for (String item : current.split(",")) {
            if (!item.isBlank()) {
                entries.add(item.strip());
            }
        }
        return entries;
    }
}
