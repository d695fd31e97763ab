package io.syncline.chaos;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {

    @Test
    void retriesUntilTheAttemptHolds() {
        AtomicInteger attempts = new AtomicInteger();

        String value = Await.until(Duration.ofSeconds(10), "the third attempt", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new AssertionError("not yet");
            }
            return "done";
        });

        assertThat(value).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void givesUpAtTheDeadlineWithTheLastFailureAndTheContext() {
        assertThatThrownBy(() -> Await.until(Duration.ofMillis(300), "something", () -> {
            throw new IllegalStateException("still broken");
        }, () -> "the log says why")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("something: still broken").hasMessageContaining("the log says why");
    }

    @Test
    void aHopelessAttemptEndsTheWaitAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        long begin = System.nanoTime();

        assertThatThrownBy(() -> Await.until(Duration.ofMinutes(5), "a node ready", () -> {
            attempts.incrementAndGet();
            throw new Await.Hopeless("it exited with 1");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("a node ready: it exited with 1");

        assertThat(attempts).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void whatHoldsIsCheckedUntilTheWindowHasPassed() {
        AtomicInteger polls = new AtomicInteger();
        long begin = System.nanoTime();

        Await.holds(Duration.ofMillis(700), "nothing moves", polls::incrementAndGet, () -> "");

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(polls.get()).as("polls in 700 ms, 200 ms apart").isGreaterThanOrEqualTo(2);
    }

    @Test
    void whatStopsHoldingFailsAtOnceWithTheContext() {
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> Await.holds(Duration.ofMinutes(5), "nothing moves", () -> {
            if (polls.incrementAndGet() == 2) {
                throw new AssertionError("workspace w moved to n2");
            }
        }, () -> "the log says why")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("nothing moves: workspace w moved to n2").hasMessageContaining("the log says why");

        assertThat(polls).hasValue(2);
    }
}
