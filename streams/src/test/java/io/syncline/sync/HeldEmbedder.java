package io.syncline.sync;

import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A real embedder whose calls wait until the test releases them (or fails them, as a provider that went down would),
 * so that a test decides which calls are in flight together. It remembers every text it was asked to embed, and
 * answers a text containing {@link #REFUSED} the way a provider answers one it will not embed.
 */
final class HeldEmbedder implements Embedder {

    static final String REFUSED = "[refused]";

    private final Embedder delegate;
    private final List<String> texts = new ArrayList<>();
    private final List<CompletableFuture<Void>> callsSeen = new ArrayList<>();
    private int calls;
    private CompletableFuture<Void> release = new CompletableFuture<>();

    HeldEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String modelKey() {
        return delegate.modelKey();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public int batchSize() {
        return delegate.batchSize();
    }

    @Override
    public synchronized CompletionStage<List<EmbeddingResult>> embed(List<String> batch, List<Integer> tokens) {
        texts.addAll(batch);
        callSeen(calls++).complete(null);
        return release.thenCompose(go -> delegate.embed(batch, tokens)).thenApply(results -> {
            List<EmbeddingResult> answered = new ArrayList<>(results);
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).contains(REFUSED)) {
                    Instant now = Instant.now();
                    answered.set(i, new EmbeddingResult.Failure("400 the provider refuses this input", 1, now, now));
                }
            }
            return answered;
        });
    }

    @Override
    public CompletionStage<float[]> embedQuery(String query) {
        return delegate.embedQuery(query);
    }

    /** Completes once the model has been called {@code n + 1} times (0: the first call). */
    synchronized CompletableFuture<Void> callSeen(int n) {
        while (callsSeen.size() <= n) {
            callsSeen.add(new CompletableFuture<>());
        }
        return callsSeen.get(n);
    }

    /** Lets the calls made so far and every later one go on, until {@link #hold()}. */
    synchronized void release() {
        release.complete(null);
    }

    /** Makes the calls made so far, and every later one until {@link #hold()}, fail with this error. */
    synchronized void fail(RuntimeException error) {
        release.completeExceptionally(error);
    }

    /** Holds the calls made from now on again. */
    synchronized void hold() {
        release = new CompletableFuture<>();
    }

    /** The texts the model was asked to embed so far, in order. */
    synchronized List<String> texts() {
        return List.copyOf(texts);
    }
}
