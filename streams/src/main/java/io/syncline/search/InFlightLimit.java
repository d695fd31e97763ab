package io.syncline.search;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most N calls in flight; the others wait their turn in arrival order, without holding a thread. Searches go
 * through one, because Cassandra answers fewer ANN queries a second when it is given more at once (docs/benchmarks.md:
 * 80 a second with 8 in flight, 42 with 32, on 2 cores): queueing in the node beyond the point of best throughput
 * keeps every query faster.
 */
final class InFlightLimit {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    InFlightLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a limit of calls in flight must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    <T> CompletionStage<T> submit(Supplier<CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(() -> {
            CompletionStage<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                inFlight.decrementAndGet();
                startWaiting();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        });
        startWaiting();
        return result;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Starts waiting calls while there is room; a slot is taken before a call is dequeued, so none is lost. */
    private void startWaiting() {
        while (!waiting.isEmpty()) {
            int now = inFlight.get();
            if (now >= limit) {
                return;
            }
            if (!inFlight.compareAndSet(now, now + 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet(); // another thread took it; give the slot back and look again
                continue;
            }
            next.run();
        }
    }
}
