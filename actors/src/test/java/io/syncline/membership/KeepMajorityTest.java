package io.syncline.membership;

import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KeepMajorityTest {

    private static final Address A = node(1);
    private static final Address B = node(2);
    private static final Address C = node(3);

    private static Address node(int host) {
        return new Address("pekko", "Syncline", "10.0.0." + host, 25520);
    }

    @Test
    void aNodeThatSeesTwoOfThreeMayWrite() {
        assertThat(KeepMajority.problem(List.of(A, B, C), Set.of(C))).isEmpty();
    }

    @Test
    void aNodeCutOffFromTheOtherTwoMayNot() {
        assertThat(KeepMajority.problem(List.of(A, B, C), Set.of(A, B)))
                .hasValue("this node sees 1 of 3 cluster members: it is not on the majority side");
    }

    @Test
    void ofTwoEqualHalvesOnlyTheOneWithTheLowestAddressMayWrite() {
        assertThat(KeepMajority.problem(List.of(B, A), Set.of(B))).isEmpty();
        assertThat(KeepMajority.problem(List.of(B, A), Set.of(A))).isPresent();
    }

    @Test
    void aNodeAloneInItsClusterMayWrite() {
        assertThat(KeepMajority.problem(List.of(A), Set.of())).isEmpty();
    }
}
