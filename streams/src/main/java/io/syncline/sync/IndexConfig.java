package io.syncline.sync;

import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.EmbeddingSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a workspace's index is made with: the embedding model and the chunking. Its {@link #generation()} names the
 * set of rows made with it; a change of either part makes a new generation, which is built in full beside the old
 * one before searches switch to it.
 */
public record IndexConfig(EmbeddingSpec embedding, ChunkingSpec chunking) {

    /**
     * Bumped when the chunker cuts the same text differently, so that an upgrade rebuilds indexes instead of mixing
     * chunks of two versions.
     */
    public static final int CHUNKER_VERSION = 1;

    public static IndexConfig defaults() {
        EmbeddingSpec embedding = EmbeddingSpec.defaultSpec();
        return new IndexConfig(embedding, ChunkingSpec.defaultFor(embedding));
    }

    /** A short, stable hash of everything that shapes the rows of an index. */
    public String generation() {
        String canonical = "chunker=" + CHUNKER_VERSION + "|embedding=" + embedding.modelKey()
                + "|maxTokens=" + chunking.maxTokens() + "|overlapTokens=" + chunking.overlapTokens();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What is wrong with this config, or null if nothing is. */
    public String problem() {
        String embeddingProblem = embedding.problem();
        return embeddingProblem != null ? embeddingProblem : chunking.problemFor(embedding);
    }
}
