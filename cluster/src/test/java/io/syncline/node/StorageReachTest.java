package io.syncline.node;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StorageReachTest {

    private static final long S = 1_000_000_000L;

    private final StorageReach reach = new StorageReach(Duration.ofSeconds(30), Duration.ofSeconds(6));

    @Test
    void aNodeAloneWithoutCassandraWhileAnotherReachesItLeavesAfterTheDelay() {
        for (long t = 0; t < 30; t += 2) {
            reach.reported("b", true, t * S);
            assertThat(reach.probed(false, t * S)).as("at %d s", t).isFalse();
        }
        reach.reported("b", true, 30 * S);
        assertThat(reach.probed(false, 30 * S)).isTrue();
    }

    @Test
    void nobodyLeavesWhenCassandraIsDownForEveryone() {
        for (long t = 0; t <= 60; t += 2) {
            reach.reported("b", false, t * S);
            assertThat(reach.probed(false, t * S)).isFalse();
        }
    }

    @Test
    void aNodeWhoseProbeSucceedsAMomentSoonerAsCassandraReturnsDoesNotMakeTheOtherLeave() {
        for (long t = 0; t < 60; t += 2) {
            reach.reported("b", false, t * S);
            reach.probed(false, t * S);
        }
        reach.reported("b", true, 60 * S);
        assertThat(reach.probed(false, 61 * S)).isFalse();
        assertThat(reach.probed(true, 62 * S)).isFalse();
    }

    @Test
    void reportsOfANodeThatFellSilentDoNotCount() {
        reach.reported("b", true, 0);
        for (long t = 0; t <= 40; t += 2) {
            assertThat(reach.probed(false, t * S)).isFalse();
        }
    }
}
