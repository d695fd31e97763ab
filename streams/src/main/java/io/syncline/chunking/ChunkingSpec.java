package io.syncline.chunking;

import io.syncline.embedding.LocalModel;

/**
 * How a workspace cuts documents: at most {@code maxTokens} text tokens per chunk, counted with the tokenizer of the
 * workspace's model, each chunk repeating about {@code overlapTokens} tokens of the end of the one before.
 */
public record ChunkingSpec(int maxTokens, int overlapTokens) {

    /** The chunking a workspace gets for a model when it names none: chunks that fill the model's window. */
    public static ChunkingSpec defaultFor(LocalModel model) {
        int max = model.maxChunkTokens();
        return new ChunkingSpec(max, max / 10);
    }

    /** What is wrong with this spec for the given model, or null if nothing is. */
    public String problemFor(LocalModel model) {
        if (maxTokens < 16 || maxTokens > model.maxChunkTokens()) {
            return "chunking.maxTokens must be between 16 and " + model.maxChunkTokens() + " for model " + model.id()
                    + " (its window is " + model.windowTokens() + " tokens including 2 marker tokens), was " + maxTokens;
        }
        if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
            return "chunking.overlapTokens must be between 0 and half of maxTokens (" + maxTokens / 2 + "), was "
                    + overlapTokens;
        }
        return null;
    }
}
