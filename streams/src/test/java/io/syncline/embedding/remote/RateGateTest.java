package io.syncline.embedding.remote;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate gate on a simulated clock: what it admits, and when. */
class RateGateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void inAnyMinuteItAdmitsLessThanTheLimitAndNearlyAllOfIt() {
        RateGate gate = new RateGate(600, 0, 0.97, 0.5, 0.05, 0);
        int admitted = 0;
        long now = 0;
        while (now < 60 * SECOND) {
            long wait = gate.waitNanos(now, 1);
            if (wait == 0) {
                gate.take(now, 1);
                admitted++;
            } else {
                now += wait;
            }
        }
        assertThat(admitted).isLessThanOrEqualTo(600).isGreaterThanOrEqualTo((int) (600 * 0.96));
    }

    @Test
    void a429HalvesTheRateWhichThenClimbsBackWhileCallsSucceed() {
        RateGate gate = new RateGate(600, 0, 1.0, 0.5, 0.05, 0);

        gate.rateLimited(0);
        assertThat(gate.factor()).isEqualTo(0.5);
        assertThat(gate.waitNanos(0, 1)).as("the buckets start again from empty").isPositive();

        gate.succeeded(5 * SECOND);
        assertThat(gate.factor()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
        gate.succeeded(60 * SECOND);
        assertThat(gate.factor()).isEqualTo(1.0);
    }

    @Test
    void tokensPerMinuteHoldBackLargeCallsAndLetAnOversizedCallGoWhenTheBucketIsFull() {
        RateGate gate = new RateGate(0, 60_000, 0.9, 0.5, 0.05, 0); // bucket of 3,000 tokens, 900 tokens a second

        assertThat(gate.waitNanos(0, 2_000)).isZero();
        gate.take(0, 2_000);
        assertThat(gate.waitNanos(0, 2_000)).as("1,000 tokens left: wait for 1,000 more")
                .isBetween((long) (1.1 * SECOND), (long) (1.2 * SECOND));
        assertThat(gate.waitNanos(10 * SECOND, 50_000)).as("larger than the bucket: goes once it is full").isZero();
    }

    @Test
    void withoutLimitsNothingWaits() {
        RateGate gate = new RateGate(0, 0, 0.97, 0.5, 0.05, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(gate.waitNanos(0, 10_000)).isZero();
            gate.take(0, 10_000);
        }
    }
}
