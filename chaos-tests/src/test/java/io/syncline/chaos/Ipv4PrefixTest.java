package io.syncline.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ipv4PrefixTest {

    private static final Ipv4Prefix TEST_NET = Ipv4Prefix.parse("10.213.0.0/24");

    @Test
    void aPrefixOverlapsWhatContainsItAndWhatItContains() {
        assertThat(TEST_NET.overlaps(Ipv4Prefix.parse("10.0.0.0/8"))).isTrue();
        assertThat(TEST_NET.overlaps(Ipv4Prefix.parse("10.213.0.77"))).isTrue();
        assertThat(TEST_NET.overlaps(Ipv4Prefix.parse("0.0.0.0/0"))).isTrue();
        assertThat(TEST_NET.overlaps(Ipv4Prefix.parse("10.213.1.0/24"))).isFalse();
        assertThat(TEST_NET.overlaps(Ipv4Prefix.parse("192.0.2.0/24"))).isFalse();
        assertThat(TEST_NET.overlaps(Ipv4Prefix.parse("127.0.0.1"))).isFalse();
    }

    @Test
    void hostsAreNumberedWithinThePrefixWithoutNetworkOrBroadcast() {
        assertThat(TEST_NET.host(1)).isEqualTo("10.213.0.1");
        assertThat(TEST_NET.host(254)).isEqualTo("10.213.0.254");
        assertThatThrownBy(() -> TEST_NET.host(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TEST_NET.host(255)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesOnlyDottedAddressesWithAnOptionalLength() {
        assertThat(Ipv4Prefix.parse("10.213.0.9/24")).isEqualTo(TEST_NET);
        assertThat(Ipv4Prefix.looksLikeOne("10.213.0.0/24")).isTrue();
        assertThat(Ipv4Prefix.looksLikeOne("default")).isFalse();
        assertThat(Ipv4Prefix.looksLikeOne("fe80::/64")).isFalse();
        assertThatThrownBy(() -> Ipv4Prefix.parse("10.213.0.256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Prefix.parse("10.213.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
