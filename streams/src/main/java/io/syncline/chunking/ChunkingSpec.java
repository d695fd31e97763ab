package io.syncline.chunking;

import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.LocalModel;

/**
 * How a workspace cuts documents: at most {@code maxTokens} text tokens per chunk, counted with the tokenizer of the
 * workspace's model, each chunk repeating about {@code overlapTokens} tokens of the end of the one before.
 */
public record ChunkingSpec(int maxTokens, int overlapTokens) {

    /** The chunking a workspace gets for a local model when it names none: chunks that fill the model's window. */
    public static ChunkingSpec defaultFor(LocalModel model) {
        return defaultFor(new EmbeddingSpec(EmbeddingSpec.LOCAL, model.id()));
    }

    /** The chunking a workspace gets for a model when it names none. */
    public static ChunkingSpec defaultFor(EmbeddingSpec embedding) {
        int max = embedding.defaultChunkTokens();
        return new ChunkingSpec(max, max / 10);
    }

    /** What is wrong with this spec for the given local model, or null if nothing is. */
    public String problemFor(LocalModel model) {
        return problemFor(new EmbeddingSpec(EmbeddingSpec.LOCAL, model.id()));
    }

    /** What is wrong with this spec for the given model, or null if nothing is. */
    public String problemFor(EmbeddingSpec embedding) {
        int limit = embedding.maxChunkTokens();
        if (maxTokens < 16 || maxTokens > limit) {
            return "chunking.maxTokens must be between 16 and " + limit + " for model " + embedding.model()
                    + (embedding.runsInProcess() ? " (its window is " + embedding.localModel().windowTokens()
                    + " tokens including 2 marker tokens)" : "") + ", was " + maxTokens;
        }
        if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
            return "chunking.overlapTokens must be between 0 and half of maxTokens (" + maxTokens / 2 + "), was "
                    + overlapTokens;
        }
        return null;
    }
}
