package io.syncline.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one asynchronous call per item with at most a given number in flight, results in item order. The driver
 * fails requests beyond what its connections accept, so a 2,000-chunk document must not fire 2,000 at once.
 */
public final class Bounded {

    private Bounded() {
    }

    public static <T, R> CompletionStage<List<R>> map(List<T> items, int maxInFlight,
                                                       Function<T, CompletionStage<R>> call) {
        List<CompletableFuture<R>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(new CompletableFuture<>());
        }
        AtomicInteger next = new AtomicInteger();
        for (int i = 0; i < Math.min(maxInFlight, items.size()); i++) {
            startNext(items, call, results, next);
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
    }

    private static <T, R> void startNext(List<T> items, Function<T, CompletionStage<R>> call,
                                         List<CompletableFuture<R>> results, AtomicInteger next) {
        int index = next.getAndIncrement();
        if (index >= items.size()) {
            return;
        }
        CompletionStage<R> stage;
        try {
            stage = call.apply(items.get(index));
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                results.get(index).completeExceptionally(error);
            } else {
                results.get(index).complete(value);
            }
            startNext(items, call, results, next);
        });
    }
}
