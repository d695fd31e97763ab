package io.syncline.store;

/**
 * One chunk found by a vector search.
 *
 * @param score Cassandra's similarity_cosine: (1 + cosine) / 2, from 0 (opposite) to 1 (same direction)
 */
public record SearchHit(String source, String path, int ordinal, String text, String revision, float score) {
}
