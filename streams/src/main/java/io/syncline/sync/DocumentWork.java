package io.syncline.sync;

import io.syncline.embedding.EmbeddingResult;
import io.syncline.source.Change;
import io.syncline.source.ReadResult;
import io.syncline.store.DocumentRecord;
import io.syncline.store.DocumentRef;

import java.util.List;
import java.util.Map;

/**
 * One path on its way through the pipeline. Each stage returns a copy with what it learned; once {@code outcome}
 * is set, later stages only pass the value on (or, for {@link Action#DELETE}, remove the document).
 *
 * @param existing  the document's row in this generation, or null
 * @param chunks    the chunks to write (action WRITE)
 * @param vectors   vectors by text hash, found in the cache or embedded
 * @param embedded  the texts this document counts as embedded: sent to the model by its group, and it the first
 *                  document of the group written with them
 * @param failure   why the document cannot be indexed (action DEAD_LETTER)
 */
record DocumentWork(Change change, DocumentRef ref, ReadResult read, DocumentRecord existing, Action action,
                    String writeKind, List<PendingChunk> chunks, Map<String, float[]> vectors,
                    Map<String, float[]> embedded, DocumentOutcome outcome, EmbeddingResult.Failure failure) {

    enum Action {
        /** Nothing to write: the outcome is decided. */
        NONE,
        /** Remove the document's chunks and row; the outcome says how to count it. */
        DELETE,
        /** Write the chunks and the row. */
        WRITE,
        /** Record a dead letter and remove what the index held for the document: no stale version stays. */
        DEAD_LETTER
    }

    /** A chunk ready to be embedded and written; {@code tokens} counts for providers limited in tokens. */
    record PendingChunk(int ordinal, String text, String textHash, int tokens) {
    }

    static DocumentWork start(Change change, DocumentRef ref) {
        return new DocumentWork(change, ref, null, null, Action.NONE, null, List.of(), Map.of(), Map.of(), null,
                null);
    }

    String path() {
        return change.path();
    }

    DocumentWork withRead(ReadResult read) {
        return new DocumentWork(change, ref, read, existing, action, writeKind, chunks, vectors, embedded, outcome,
                failure);
    }

    DocumentWork withExisting(DocumentRecord existing) {
        return new DocumentWork(change, ref, read, existing, action, writeKind, chunks, vectors, embedded, outcome,
                failure);
    }

    DocumentWork decided(DocumentOutcome outcome) {
        return new DocumentWork(change, ref, read, existing, Action.NONE, writeKind, List.of(), Map.of(), Map.of(),
                outcome, null);
    }

    DocumentWork toDelete(DocumentOutcome.Result countAs) {
        return new DocumentWork(change, ref, read, existing, Action.DELETE, writeKind, List.of(), Map.of(), Map.of(),
                new DocumentOutcome(path(), countAs, 0, 0, existing.chunkHashes().size(), null), null);
    }

    DocumentWork toWrite(String writeKind, List<PendingChunk> chunks) {
        return new DocumentWork(change, ref, read, existing, Action.WRITE, writeKind, List.copyOf(chunks), vectors,
                embedded, null, null);
    }

    DocumentWork withVectors(Map<String, float[]> vectors, Map<String, float[]> embedded) {
        return new DocumentWork(change, ref, read, existing, action, writeKind, chunks, Map.copyOf(vectors),
                Map.copyOf(embedded), outcome, failure);
    }

    /** The document cannot be indexed: it becomes a dead letter, counted as failed. */
    DocumentWork deadLetter(EmbeddingResult.Failure why) {
        int removed = existing == null ? 0 : existing.chunkHashes().size();
        return new DocumentWork(change, ref, read, existing, Action.DEAD_LETTER, writeKind, List.of(), Map.of(),
                Map.of(), new DocumentOutcome(path(), DocumentOutcome.Result.FAILED, 0, 0, removed, why.reason()),
                why);
    }
}
