package io.syncline.testing;

import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A real embedder that also remembers every text it was asked to embed, in order. */
public final class RecordingEmbedder implements Embedder {

    private final Embedder delegate;
    private final List<String> texts = new ArrayList<>();

    public RecordingEmbedder(Embedder delegate) {
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
    public CompletionStage<List<EmbeddingResult>> embed(List<String> batch, List<Integer> tokens) {
        synchronized (texts) {
            texts.addAll(batch);
        }
        return delegate.embed(batch, tokens);
    }

    @Override
    public CompletionStage<float[]> embedQuery(String query) {
        return delegate.embedQuery(query);
    }

    /** The texts embedded so far (queries excluded). */
    public List<String> texts() {
        synchronized (texts) {
            return new ArrayList<>(texts);
        }
    }

    /** The texts embedded so far, and forgets them. */
    public List<String> drain() {
        synchronized (texts) {
            List<String> drained = new ArrayList<>(texts);
            texts.clear();
            return drained;
        }
    }
}
