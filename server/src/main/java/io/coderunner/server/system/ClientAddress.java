package io.coderunner.server.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request came from. Behind a reverse proxy the server sees the proxy's address;
 * set {@code server.forward-headers-strategy=native} (or framework) so that the container applies
 * X-Forwarded-For from trusted proxies only. Headers are never trusted here on their own: a
 * client could otherwise write any address into the log and past per-address limits.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
