package io.syncline.embedding;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Turns texts into vectors with one model. Calls never block the caller: in-process models compute on their own
 * threads, remote ones go through their endpoint's throttle, retries and circuit breaker.
 */
public interface Embedder {

    /** The identity of this embedder's vectors (see {@link EmbeddingSpec#modelKey()}). */
    String modelKey();

    int dimension();

    /** Texts per call: a caller groups at most this many. */
    int batchSize();

    /**
     * One result per text, in order. A text the provider refuses fails alone; a provider that stays down makes the
     * returned stage wait (its circuit is open), not fail.
     *
     * @param tokens each text's token count, for providers limited in tokens per minute
     */
    CompletionStage<List<EmbeddingResult>> embed(List<String> texts, List<Integer> tokens);

    /**
     * The vector of a search query. Fails at once, with {@link ProviderUnavailableException}, when the provider is
     * known to be down or asked for patience: a search should answer, not wait.
     */
    CompletionStage<float[]> embedQuery(String query);
}
