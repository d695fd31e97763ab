package io.syncline.testing.fake;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowRateLimitTest {

    private long now = TimeUnit.HOURS.toNanos(5);
    private final SlidingWindowRateLimit limit = new SlidingWindowRateLimit(() -> now);

    @Test
    void admitsUpToTheLimitWithinAMinuteThenRefuses() {
        limit.requestsPerMinute(3);

        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.tryAcquire()).isPresent();
    }

    @Test
    void retryAfterIsTheWholeSecondsRoundedUpUntilTheOldestAdmittedRequestLeavesTheWindow() {
        limit.requestsPerMinute(2);
        limit.tryAcquire();
        advanceMillis(10_500);
        limit.tryAcquire();

        assertThat(limit.tryAcquire()).hasValue(50);
        advanceMillis(9_000);
        assertThat(limit.tryAcquire()).hasValue(41);
        advanceMillis(40_499);
        assertThat(limit.tryAcquire()).hasValue(1);
    }

    @Test
    void aSlotFreesExactlySixtySecondsAfterItWasTaken() {
        limit.requestsPerMinute(1);
        limit.tryAcquire();

        advanceMillis(59_999);
        assertThat(limit.tryAcquire()).hasValue(1);
        advanceMillis(1);
        assertThat(limit.tryAcquire()).isEmpty();
    }

    @Test
    void refusedRequestsTakeNoSlot() {
        limit.requestsPerMinute(1);
        limit.tryAcquire();
        for (int i = 0; i < 10; i++) {
            advanceMillis(1_000);
            limit.tryAcquire();
        }

        advanceMillis(50_000);
        assertThat(limit.tryAcquire()).isEmpty();
    }

    @Test
    void zeroMeansNoLimit() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(limit.tryAcquire()).isEmpty();
        }
    }

    @Test
    void clearingForgetsTheWindowAndLiftsTheLimit() {
        limit.requestsPerMinute(1);
        limit.tryAcquire();
        limit.clear();

        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.tryAcquire()).isEmpty();
        limit.requestsPerMinute(1);
        assertThat(limit.tryAcquire()).isEqualTo(OptionalLong.empty());
    }

    private void advanceMillis(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
