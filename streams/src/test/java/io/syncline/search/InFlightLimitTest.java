package io.syncline.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightLimitTest {

    @Test
    void startsCallsInArrivalOrderAndNeverMoreThanTheLimitAtOnce() {
        InFlightLimit limit = new InFlightLimit(3);
        List<CompletableFuture<Integer>> started = new ArrayList<>();
        List<CompletionStage<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(limit.submit(() -> {
                CompletableFuture<Integer> call = new CompletableFuture<>();
                started.add(call);
                return call;
            }));
        }
        assertThat(started).hasSize(3);
        for (int i = 0; i < 10; i++) {
            started.get(i).complete(i);
            assertThat(started).hasSize(Math.min(10, i + 4));
            assertThat(limit.inFlight()).isLessThanOrEqualTo(3);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(results.get(i).toCompletableFuture().join()).isEqualTo(i);
        }
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void aFailedCallPassesItsErrorOnAndFreesItsSlot() {
        InFlightLimit limit = new InFlightLimit(1);
        CompletionStage<String> failed = limit.submit(() -> CompletableFuture.failedFuture(
                new IllegalStateException("ANN query timed out")));
        CompletionStage<String> thrown = limit.submit(() -> {
            throw new IllegalArgumentException("no such table");
        });
        CompletionStage<String> next = limit.submit(() -> CompletableFuture.completedFuture("hits"));

        assertThatThrownBy(() -> failed.toCompletableFuture().join()).hasMessageContaining("ANN query timed out");
        assertThatThrownBy(() -> thrown.toCompletableFuture().join()).hasMessageContaining("no such table");
        assertThat(next.toCompletableFuture().join()).isEqualTo("hits");
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void holdsUnderConcurrentSubmittersAndCompleters() throws InterruptedException {
        InFlightLimit limit = new InFlightLimit(4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ExecutorService completers = Executors.newFixedThreadPool(4);
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Integer>> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int value = i;
            submitters.execute(() -> results.add(limit.submit(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                return CompletableFuture.supplyAsync(() -> {
                    running.decrementAndGet();
                    return value;
                }, completers);
            }).toCompletableFuture()));
        }
        submitters.shutdown();
        assertThat(submitters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(results.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(1999 * 2000 / 2);
        completers.shutdown();
        assertThat(mostAtOnce.get()).isBetween(1, 4);
        assertThat(limit.inFlight()).isZero();
    }
}
