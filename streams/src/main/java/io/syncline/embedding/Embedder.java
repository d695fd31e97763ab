package io.syncline.embedding;

import java.util.List;

/**
 * Turns texts into vectors with one model. Calls block for as long as the model computes: run them on the
 * embedding dispatcher, never on a default dispatcher.
 */
public interface Embedder {

    /** The identity of this embedder's vectors (see {@link EmbeddingSpec#modelKey()}). */
    String modelKey();

    int dimension();

    /** One vector per text, in order. */
    List<float[]> embedAll(List<String> texts);

    /** The vector of a search query. */
    float[] embedQuery(String query);
}
