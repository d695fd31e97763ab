package io.syncline.embedding.remote;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterShareTest {

    @Test
    void theMembersSharesOfConcurrencyAddUpToTheLimit() {
        for (int total : new int[] {3, 4, 7, 32}) {
            int sum = IntStream.range(0, 3).map(i -> new ClusterShare(i, 3).concurrency(total)).sum();
            assertThat(sum).as("shares of %d", total).isEqualTo(total);
        }
        assertThat(new ClusterShare(0, 3).concurrency(4)).isEqualTo(2);
        assertThat(new ClusterShare(2, 3).concurrency(4)).isEqualTo(1);
    }

    @Test
    void everyMemberKeepsOneRequestWhenTheLimitIsBelowTheNodeCount() {
        assertThat(new ClusterShare(2, 3).concurrency(2)).isEqualTo(1);
    }

    @Test
    void aNodeAloneTakesTheWholeLimit() {
        assertThat(ClusterShare.ALONE.fraction()).isEqualTo(1.0);
        assertThat(ClusterShare.ALONE.concurrency(5)).isEqualTo(5);
    }
}
