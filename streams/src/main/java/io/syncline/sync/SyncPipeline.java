package io.syncline.sync;

import io.syncline.embedding.EmbeddingResult;
import io.syncline.source.Change;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The graph a job's paths flow through, in order (every mapAsync keeps order, so outcomes come out in path order
 * and a checkpoint can name the last path done):
 * read (blocking) -> compare with the index -> chunk (blocking) -> cache lookup -> group the misses and embed them
 * (each text once on the node, however many jobs miss it at once, its vector written to the cache as its call
 * returns; through the embedder: the embedding dispatcher for local models, the endpoint's governor for remote
 * ones) -> write, remove, or record a dead letter.
 *
 * <p>Supervision: a failure that is the document's own (unreadable text, a tokenizer error, a text the provider
 * refuses after its retries) turns that one document into a dead letter and the stream goes on; a transient failure
 * of storage or source (Cassandra, I/O, an unreachable remote) fails the stream, and the entity restarts the job
 * from its last checkpoint. A provider that is down does not fail anything: its circuit makes the embedding wait.
 * Cassandra calls are bounded by the driver's request timeout, provider calls by the endpoint's timeout.
 */
final class SyncPipeline {

    private SyncPipeline() {
    }

    static Flow<Change, DocumentOutcome, NotUsed> flow(DocumentIndexer indexer, GroupEmbedder embedder,
                                                       PipelineSettings settings) {
        return Flow.of(Change.class)
                .map(indexer::start)
                .mapAsync(settings.readParallelism(), guarded(indexer::read)::apply)
                .mapAsync(settings.storeParallelism(), guarded(indexer::lookUpExisting)::apply)
                .mapAsync(settings.chunkParallelism(), guarded(indexer::prepare)::apply)
                .mapAsync(settings.storeParallelism(), guarded(indexer::lookUpCached)::apply)
                .groupedWeightedWithin(embedder.batchSize(), work -> Math.max(1, GroupEmbedder.misses(work)),
                        settings.embedLinger())
                .mapAsync(settings.embedParallelism(), embedder::embed)
                .mapConcat(group -> group)
                // a write refused for the document's own reason (Cassandra calling it invalid) becomes a dead letter
                .mapAsync(settings.storeParallelism(), work -> indexer.tracked(indexer.write(work)
                        .exceptionallyCompose(error -> indexer.write(failedOrRethrow(work, error)))));
    }

    /** Runs a step unless the document's outcome is already decided, turning its own failures into dead letters. */
    private static Function<DocumentWork, CompletionStage<DocumentWork>> guarded(
            Function<DocumentWork, CompletionStage<DocumentWork>> step) {
        return work -> {
            if (work.outcome() != null) {
                return CompletableFuture.completedFuture(work);
            }
            try {
                return step.apply(work).exceptionally(error -> failedOrRethrow(work, error));
            } catch (RuntimeException error) {
                return CompletableFuture.completedFuture(failedOrRethrow(work, error));
            }
        };
    }

    private static DocumentWork failedOrRethrow(DocumentWork work, Throwable error) {
        if (FailureKind.ofDocument(error) == FailureKind.TRANSIENT) {
            throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        }
        Instant now = Instant.now();
        return work.deadLetter(new EmbeddingResult.Failure(FailureKind.describe(error), 1, now, now));
    }
}
