package io.syncline.sync;

/**
 * What the pipeline did with one path of a job.
 *
 * @param chunksEmbedded chunks of this document whose text was sent to the model
 * @param chunksReused   chunks whose vector came from the embedding cache (or an earlier chunk of the same job)
 * @param chunksDeleted  chunks removed from the index: all of a deleted document, the tail of a shrunk one
 * @param error          why the document failed, or null
 */
public record DocumentOutcome(String path, Result result, int chunksEmbedded, int chunksReused, int chunksDeleted,
                              String error) {

    public enum Result {
        ADDED,
        CHANGED,
        UNCHANGED,
        DELETED,
        /** Binary or too large: not indexed (and removed from the index if it was there). */
        SKIPPED,
        FAILED,
        /** A deletion of a path the index did not have: nothing to do. */
        NOT_INDEXED
    }

    public static DocumentOutcome of(String path, Result result) {
        return new DocumentOutcome(path, result, 0, 0, 0, null);
    }

    public static DocumentOutcome failed(String path, String error) {
        return new DocumentOutcome(path, Result.FAILED, 0, 0, 0, error);
    }
}
