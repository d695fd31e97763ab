package io.syncline.sync;

import io.syncline.chunking.Chunk;
import io.syncline.chunking.TokenChunker;
import io.syncline.source.Change;
import io.syncline.source.ReadResult;
import io.syncline.source.Source;
import io.syncline.embedding.EmbeddingResult;
import io.syncline.store.ChunkStore;
import io.syncline.store.DeadLetter;
import io.syncline.store.DeadLetterStore;
import io.syncline.store.DocumentRecord;
import io.syncline.store.DocumentRef;
import io.syncline.store.DocumentStore;
import io.syncline.store.EmbeddingCache;
import io.syncline.store.StoredChunk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The per-document steps of one job: read, compare with the index, chunk, look vectors up, write or remove. Each
 * step is idempotent, so a resumed job may redo a document safely. The order of writes (row marked incomplete,
 * chunks, row complete) means a crash never leaves chunks that no row accounts for.
 */
final class DocumentIndexer {

    private final String workspace;
    private final String generation;
    private final String sourceId;
    private final String jobId;
    private final String revision;
    private final String modelKey;
    private final Source source;
    private final TokenChunker chunker;
    private final DocumentStore documents;
    private final ChunkStore chunks;
    private final EmbeddingCache cache;
    private final DeadLetterStore deadLetterStore;
    private final InFlightWrites writes;
    private final Map<String, DeadLetter> deadLetters;
    private final Executor blocking;

    /** @param deadLetters the source's dead letters by path, as the job found them; kept up to date by the job */
    DocumentIndexer(JobInput job, Source source, TokenChunker chunker, IndexServices services, String modelKey,
                    ChunkStore chunks, Map<String, DeadLetter> deadLetters) {
        this.workspace = job.workspace();
        this.generation = job.config().generation();
        this.sourceId = job.source().id();
        this.jobId = job.jobId();
        this.revision = job.toRevision();
        this.modelKey = modelKey;
        this.source = source;
        this.chunker = chunker;
        this.documents = services.documents();
        this.chunks = chunks;
        this.cache = services.embeddingCache();
        this.deadLetterStore = services.deadLetters();
        this.writes = services.inFlightWrites();
        this.deadLetters = deadLetters;
        this.blocking = services.blocking();
    }

    DocumentWork start(Change change) {
        return DocumentWork.start(change, new DocumentRef(workspace, generation, sourceId, change.path()));
    }

    /** Reads the file (blocking dispatcher); a deletion reads nothing. */
    CompletionStage<DocumentWork> read(DocumentWork work) {
        if (work.change().kind() == Change.Kind.DELETE) {
            return CompletableFuture.completedFuture(work);
        }
        return CompletableFuture.supplyAsync(() -> work.withRead(source.read(revision, work.path())), blocking);
    }

    CompletionStage<DocumentWork> lookUpExisting(DocumentWork work) {
        return documents.get(work.ref()).thenApply(existing -> work.withExisting(existing.orElse(null)));
    }

    /** Decides what to do with the document and, if it must be written, chunks it (blocking dispatcher). */
    CompletionStage<DocumentWork> prepare(DocumentWork work) {
        DocumentRecord existing = work.existing();
        ReadResult read = work.read();
        if (read == null || read instanceof ReadResult.Skipped s && s.reason() == ReadResult.Reason.VANISHED) {
            return CompletableFuture.completedFuture(existing == null
                    ? work.decided(DocumentOutcome.of(work.path(), DocumentOutcome.Result.NOT_INDEXED))
                    : work.toDelete(DocumentOutcome.Result.DELETED));
        }
        if (read instanceof ReadResult.Skipped) {
            return CompletableFuture.completedFuture(existing == null
                    ? work.decided(DocumentOutcome.of(work.path(), DocumentOutcome.Result.SKIPPED))
                    : work.toDelete(DocumentOutcome.Result.SKIPPED));
        }
        ReadResult.Text text = (ReadResult.Text) read;
        if (existing != null && existing.complete() && existing.contentHash().equals(text.contentHash())) {
            if (jobId.equals(existing.writtenByJob())) {
                // Written by this very job before it was interrupted: counted as it was then, its chunks as
                // reused (their vectors are in the index now).
                return CompletableFuture.completedFuture(work.decided(new DocumentOutcome(work.path(),
                        countedAs(existing.writeKind()), 0, existing.chunkHashes().size(), 0, null)));
            }
            return CompletableFuture.completedFuture(work.decided(
                    DocumentOutcome.of(work.path(), DocumentOutcome.Result.UNCHANGED)));
        }
        String writeKind = writeKind(existing);
        return CompletableFuture.supplyAsync(() -> work.toWrite(writeKind, chunk(text.text())), blocking);
    }

    /** "added" for a path the index does not have; a path this job already began keeps how it was counted. */
    private String writeKind(DocumentRecord existing) {
        if (existing == null) {
            return "added";
        }
        if (jobId.equals(existing.writtenByJob()) && existing.writeKind() != null) {
            return existing.writeKind();
        }
        return "changed";
    }

    private List<DocumentWork.PendingChunk> chunk(String text) {
        List<DocumentWork.PendingChunk> pending = new ArrayList<>();
        for (Chunk chunk : chunker.split(text)) {
            pending.add(new DocumentWork.PendingChunk(chunk.ordinal(), chunk.text(), TextHash.of(chunk.text()),
                    chunk.tokens()));
        }
        return pending;
    }

    /** Finds the vectors the embedding cache already has for the document's chunks. */
    CompletionStage<DocumentWork> lookUpCached(DocumentWork work) {
        if (work.action() != DocumentWork.Action.WRITE || work.chunks().isEmpty()) {
            return CompletableFuture.completedFuture(work);
        }
        Set<String> hashes = new HashSet<>();
        work.chunks().forEach(c -> hashes.add(c.textHash()));
        return cache.getAll(modelKey, hashes).thenApply(found -> work.withVectors(found, work.embedded()));
    }

    /**
     * Removes, writes or dead-letters the document, and says how it counts. A document that ends any other way
     * than failed loses its dead letter, if it had one.
     */
    CompletionStage<DocumentOutcome> write(DocumentWork work) {
        CompletionStage<DocumentOutcome> outcome = switch (work.action()) {
            case NONE -> CompletableFuture.completedFuture(work.outcome());
            case DELETE -> remove(work.ref()).thenApply(done -> work.outcome());
            case WRITE -> writeDocument(work);
            case DEAD_LETTER -> deadLetter(work);
        };
        return outcome.thenCompose(done -> {
            if (done.result() == DocumentOutcome.Result.FAILED) {
                return CompletableFuture.completedFuture(done);
            }
            DeadLetter cleared = deadLetters.remove(work.path());
            return cleared == null ? CompletableFuture.completedFuture(done)
                    : deadLetterStore.delete(workspace, cleared.id()).thenApply(x -> done);
        });
    }

    /**
     * Counts {@code writing} among the source's writes under way until it ends (see {@link InFlightWrites}); it must
     * be the whole of a document's writing, retries included, so that nothing of it starts after it ended.
     */
    <T> CompletionStage<T> tracked(CompletionStage<T> writing) {
        return writes.track(workspace, sourceId, writing);
    }

    private CompletionStage<Void> remove(DocumentRef ref) {
        return chunks.deleteDocument(ref).thenCompose(done -> documents.delete(ref));
    }

    /**
     * Records why the document failed (adding to what earlier jobs recorded) and removes what the index held for
     * it: a search must not find a version the source no longer has.
     */
    private CompletionStage<DocumentOutcome> deadLetter(DocumentWork work) {
        EmbeddingResult.Failure why = work.failure();
        DeadLetter earlier = deadLetters.get(work.path());
        DeadLetter letter = new DeadLetter(DeadLetter.idOf(sourceId, work.path()), sourceId, work.path(),
                why.reason(), (earlier == null ? 0 : earlier.attempts()) + why.attempts(),
                earlier == null ? why.firstFailedAt() : earlier.firstFailedAt(), why.lastFailedAt(), jobId);
        deadLetters.put(work.path(), letter);
        CompletionStage<Void> removed = work.existing() == null ? CompletableFuture.completedFuture(null)
                : remove(work.ref());
        return removed.thenCompose(done -> deadLetterStore.put(workspace, letter)).thenApply(done -> work.outcome());
    }

    private CompletionStage<DocumentOutcome> writeDocument(DocumentWork work) {
        ReadResult.Text text = (ReadResult.Text) work.read();
        List<StoredChunk> stored = work.chunks().stream()
                .map(c -> new StoredChunk(c.ordinal(), c.textHash(), c.text(), work.vectors().get(c.textHash())))
                .toList();
        List<String> hashes = work.chunks().stream().map(DocumentWork.PendingChunk::textHash).toList();
        int previousChunks = work.existing() == null ? 0 : work.existing().chunkHashes().size();
        DocumentRecord pending = DocumentStore.pending(sourceId, work.path(), text.contentHash(), revision, jobId,
                work.writeKind());
        DocumentRecord complete = new DocumentRecord(sourceId, work.path(), text.contentHash(), revision, hashes,
                true, jobId, work.writeKind(), Instant.now());
        // the vectors this document embedded are in the cache already: the embedding step wrote them
        return documents.put(workspace, generation, pending)
                .thenCompose(done -> chunks.write(work.ref(), revision, stored))
                .thenCompose(done -> documents.put(workspace, generation, complete))
                .thenApply(done -> new DocumentOutcome(work.path(), countedAs(work.writeKind()),
                        work.embedded().size(), stored.size() - work.embedded().size(),
                        Math.max(0, previousChunks - stored.size()), null));
    }

    private static DocumentOutcome.Result countedAs(String writeKind) {
        return "added".equals(writeKind) ? DocumentOutcome.Result.ADDED : DocumentOutcome.Result.CHANGED;
    }
}
