package io.coderunner.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.engine.Limits;
import io.coderunner.engine.NetworkAccess;
import io.coderunner.engine.NetworkAccess.Destination;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The firewall and hosts file a stage gets for each kind of network access, as values. */
class NetworkPolicyTests {

    private static Destination destination(String name, String address, int port) throws Exception {
        return new Destination(name, InetAddress.getByName(address), port);
    }

    @Test
    void onlyTheseDestinationsAcceptsThemAndRejectsEverythingElse() throws Exception {
        NetworkAccess only = new NetworkAccess.Only(List.of(
                destination("index.example", "10.1.2.3", 3141),
                destination("index.example", "2001:db8::7", 3141),
                destination("192.0.2.2", "192.0.2.2", 8080)));

        assertThat(NetworkPolicy.of(only).nftRules()).isEqualTo("""
                table inet coderunner {
                  chain output {
                    type filter hook output priority 0; policy accept;
                    oif "lo" accept
                    ip daddr 10.1.2.3 tcp dport 3141 accept
                    ip6 daddr 2001:db8:0:0:0:0:0:7 tcp dport 3141 accept
                    ip daddr 192.0.2.2 tcp dport 8080 accept
                    reject with icmpx type admin-prohibited
                  }
                }
                """);
    }

    @Test
    void aDestinationOnLoopbackOpensNothing() throws Exception {
        NetworkAccess only = new NetworkAccess.Only(List.of(destination("localhost", "127.0.0.1", 3141),
                destination("localhost", "::1", 3141)));

        String rules = NetworkPolicy.of(only).nftRules();

        assertThat(rules).doesNotContain("daddr").endsWith("""
                    oif "lo" accept
                    reject with icmpx type admin-prohibited
                  }
                }
                """);
        assertThat(SandboxEtc.hostsText(only)).doesNotContain("3141").doesNotContain("localhost\nlocalhost");
    }

    @Test
    void publicAccessRefusesTheForbiddenRangesAndOpensTheAllowList() {
        System.setProperty(NetworkPolicy.ALLOW_PROPERTY, "10.9.9.9:3128");
        try {
            String rules = NetworkPolicy.of(NetworkAccess.PUBLIC).nftRules();
            assertThat(rules).contains("ip daddr 10.9.9.9 tcp dport 3128 accept")
                    // DNS to the namespace's forwarder only, before the private ranges are refused.
                    .containsSubsequence("ip daddr 10.200.0.53 udp dport 53 accept", "10.0.0.0/8")
                    .contains("127.0.0.0/8").contains("169.254.0.0/16").contains("10.0.0.0/8")
                    .doesNotContain("    reject with icmpx type admin-prohibited\n");
        } finally {
            System.clearProperty(NetworkPolicy.ALLOW_PROPERTY);
        }
    }

    @Test
    void namedDestinationsArePinnedInTheHostsFileAndAddressesAreNot() throws Exception {
        NetworkAccess only = new NetworkAccess.Only(List.of(
                destination("index.example", "10.1.2.3", 3141),
                destination("index.example", "2001:db8::7", 3141),
                destination("192.0.2.2", "192.0.2.2", 8080),
                destination("[2001:db8::9]", "2001:db8::9", 443)));

        assertThat(SandboxEtc.hostsText(only)).isEqualTo("""
                127.0.0.1 localhost sandbox
                ::1 localhost ip6-localhost
                10.1.2.3 index.example
                2001:db8:0:0:0:0:0:7 index.example
                """);
        assertThat(SandboxEtc.hostsText(NetworkAccess.PUBLIC)).doesNotContain("example");
    }

    @Test
    void resolvingTakesEveryAddressOfEachDestination() {
        NetworkAccess.Only only = NetworkAccess.resolving(List.of(InetSocketAddress.createUnresolved("192.0.2.44", 8080)));

        assertThat(only.destinations()).extracting(d -> d.address().getHostAddress() + ":" + d.port() + " " + d.named())
                .containsExactly("192.0.2.44:8080 false");
    }

    @Test
    void aCeilingNarrowsTheNetworkToWhatBothAllow() throws Exception {
        NetworkAccess index = new NetworkAccess.Only(List.of(destination("192.0.2.2", "192.0.2.2", 8080)));
        Limits open = Limits.defaults().withNetwork(true);
        Limits closed = Limits.defaults();

        assertThat(Limits.defaults().withNetwork(index).cappedBy(open).networkAccess()).isEqualTo(index);
        assertThat(open.cappedBy(Limits.defaults().withNetwork(index)).networkAccess()).isEqualTo(index);
        assertThat(Limits.defaults().withNetwork(index).cappedBy(closed).network()).isFalse();
        assertThat(open.cappedBy(open).networkAccess()).isEqualTo(NetworkAccess.PUBLIC);
        assertThat(Limits.defaults().withNetwork(index).network()).isTrue();
    }
}
