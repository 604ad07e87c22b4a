package io.coderunner.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.DatabaseAgnostic;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses count as public for a user's base URL (literal addresses: no name lookup). */
@DatabaseAgnostic
class BaseUrlsTests {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.1", "10.0.0.1", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1",
            "255.255.255.255", "240.0.0.1", "192.0.0.170", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
            "ff02::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
            // IPv6 forms that carry an internal IPv4 address
            "::127.0.0.1", "::7f00:1", "::10.0.0.1", "::ffff:0:127.0.0.1", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1", "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:101::", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "2001:db8::1"})
    void internalAddressesAreNotPublic(String address) throws UnknownHostException {
        assertThat(BaseUrls.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "104.18.32.47", "100.128.0.1", "172.32.0.1", "2606:4700::6810:84e5",
            "2001:4860:4860::8888", "64:ff9b::808:808", "2002:808:808::1"})
    void publicAddressesArePublic(String address) throws UnknownHostException {
        assertThat(BaseUrls.isPublic(InetAddress.getByName(address))).isTrue();
    }
}
