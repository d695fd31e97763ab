package io.syncline.testing;

import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingResult;

import java.util.Collections;
import java.util.List;

/** Vectors of texts, for tests that only want the vectors: any failure is a test failure. */
public final class Vectors {

    private Vectors() {
    }

    public static List<float[]> of(Embedder embedder, List<String> texts) {
        return embedder.embed(texts, Collections.nCopies(texts.size(), 1)).toCompletableFuture().join().stream()
                .map(result -> {
                    if (result instanceof EmbeddingResult.Vector vector) {
                        return vector.values();
                    }
                    throw new AssertionError("not embedded: " + result);
                })
                .toList();
    }
}
