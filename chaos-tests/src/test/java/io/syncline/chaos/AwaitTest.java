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
}
