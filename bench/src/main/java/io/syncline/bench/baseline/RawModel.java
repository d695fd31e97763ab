package io.syncline.bench.baseline;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.List;

/**
 * The limit: the model's own {@code embedAll} over a list of texts, nothing read, split, hashed or stored. A
 * pipeline that embeds the same texts cannot be faster than this on the same machine.
 */
public final class RawModel {

    private RawModel() {
    }

    /** Seconds {@code model.embedAll} takes for {@code texts}. */
    public static double embedAll(EmbeddingModel model, List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        long started = System.nanoTime();
        int vectors = model.embedAll(segments).content().size();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (vectors != texts.size()) {
            throw new IllegalStateException("embedAll answered " + vectors + " vectors for " + texts.size() + " texts");
        }
        return seconds;
    }
}
