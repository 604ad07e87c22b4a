package io.coderunner.server.ai;

import io.coderunner.server.system.BadRequestException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Checks the base URLs users give: the server sends requests there on their behalf, so a URL whose
 * host resolves to a loopback, private, link-local (cloud metadata at 169.254.169.254), unique-local,
 * shared (100.64/10), multicast or unspecified address is refused unless the administrator allows
 * private base URLs. Every address a name resolves to must be public. The check runs when a
 * configuration is saved and again before each request, so a name that changes its answer later
 * (DNS rebinding) is caught then.
 */
@Component
class BaseUrls {

    private final boolean allowPrivate;

    BaseUrls(AiSettings settings) {
        this.allowPrivate = settings.allowPrivateBaseUrls();
    }

    /** The URL without a trailing slash, or 400 saying what is wrong with it. */
    String check(String url) {
        URI uri = parse(url);
        String problem = privateAddress(uri.getHost());
        if (problem != null) {
            throw new BadRequestException(problem);
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Null when the host may be called now, else why not (for the request-time check). */
    String refusal(String url) {
        try {
            return privateAddress(parse(url).getHost());
        } catch (BadRequestException e) {
            return e.getMessage();
        }
    }

    private static URI parse(String url) {
        if (url.length() > 2048) {
            throw new BadRequestException("base_url is longer than 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new BadRequestException("base_url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new BadRequestException("base_url must start with https:// (or http://), was '" + url + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new BadRequestException("base_url has no host name: '" + url + "'");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadRequestException("base_url must not contain a user name, query or fragment");
        }
        return uri;
    }

    private String privateAddress(String host) {
        if (allowPrivate) {
            return null;
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return "base_url host '" + host + "' cannot be resolved";
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "base_url host '" + host + "' resolves to " + address.getHostAddress() + ", a loopback, private, "
                        + "link-local or otherwise internal address; the server does not send requests there "
                        + "(an administrator may allow it with CODERUNNER_AI_ALLOW_PRIVATE_BASE_URLS=true)";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                      // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // shared address space (carrier NAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))    // benchmarking
                    && first < 240;                                // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {                           // unique-local fc00::/7
                return false;
            }
            boolean mapped = true;                                 // ::ffff:a.b.c.d carries an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
