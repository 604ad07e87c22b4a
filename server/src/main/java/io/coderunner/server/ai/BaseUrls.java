package io.coderunner.server.ai;

import io.coderunner.server.http.BadRequestException;
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

    /**
     * The IPv4 address an IPv6 address carries and leads to, or null: IPv4-compatible
     * ({@code ::a.b.c.d}), IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-translated
     * ({@code ::ffff:0:a.b.c.d}), NAT64 ({@code 64:ff9b::/96} and the local-use {@code 64:ff9b:1::/48})
     * and 6to4 ({@code 2002:AABB:CCDD::/48}). Each can reach the IPv4 address through a translator
     * or the host's own stack, so it is judged as that address.
     */
    static byte[] embeddedIpv4(byte[] b) {
        boolean zeroTo10 = true;
        for (int i = 0; i < 10; i++) {
            zeroTo10 &= b[i] == 0;
        }
        boolean compatible = zeroTo10 && b[10] == 0 && b[11] == 0;
        boolean mapped = zeroTo10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean translated = true;
        for (int i = 0; i < 8; i++) {
            translated &= b[i] == 0;
        }
        translated &= (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0;
        boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (nat64 && !(b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0)) {
            return new byte[] {0, 0, 0, 0};                        // 64:ff9b:1::/48 spreads the address: judged internal
        }
        if (compatible || mapped || translated || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
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
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return false;                                      // Teredo 2001::/32: carries an obscured IPv4 address
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false;                                      // documentation 2001:db8::/32
            }
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return isPublic(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
