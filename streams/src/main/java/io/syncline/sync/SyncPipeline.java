package io.syncline.sync;

import io.syncline.source.Change;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The graph a job's paths flow through, in order (every mapAsync keeps order, so outcomes come out in path order
 * and a checkpoint can name the last path done):
 * read (blocking) -> compare with the index -> chunk (blocking) -> cache lookup -> group and embed the misses
 * (embedding dispatcher) -> write or remove.
 *
 * <p>Supervision: a stage's failure that is the document's own (unreadable text, a tokenizer error) turns that one
 * document into a FAILED outcome and the stream goes on; a transient failure (Cassandra, I/O, an unreachable
 * source) fails the stream, and the entity restarts the job from its last checkpoint. Cassandra calls are bounded
 * by the driver's request timeout; the in-process models need none.
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
                .groupedWeightedWithin(settings.embedBatchSize(), work -> Math.max(1, GroupEmbedder.misses(work)),
                        settings.embedLinger())
                .mapAsync(settings.embedParallelism(), group -> embedGroup(embedder, group))
                .mapConcat(group -> group)
                .mapAsync(settings.storeParallelism(), work -> work.outcome() != null
                        && work.action() == DocumentWork.Action.NONE
                        ? CompletableFuture.completedFuture(work.outcome())
                        : indexer.write(work).exceptionally(error -> failedOrRethrow(work, error).outcome()));
    }

    /**
     * A whole group failed to embed: embed its documents one by one, so that one document the model cannot take
     * fails alone and the rest of the group is indexed.
     */
    private static CompletionStage<List<DocumentWork>> embedGroup(GroupEmbedder embedder, List<DocumentWork> group) {
        return embedder.embed(group).exceptionallyCompose(error -> {
            if (Failures.isTransient(error) || group.size() == 1) {
                return CompletableFuture.completedFuture(group.stream()
                        .map(work -> failedOrRethrow(work, error)).toList());
            }
            List<CompletableFuture<DocumentWork>> singles = group.stream()
                    .map(work -> embedder.embed(List.of(work))
                            .thenApply(one -> one.get(0))
                            .exceptionally(e -> failedOrRethrow(work, e))
                            .toCompletableFuture())
                    .toList();
            return CompletableFuture.allOf(singles.toArray(CompletableFuture[]::new))
                    .thenApply(done -> singles.stream().map(CompletableFuture::join).toList());
        });
    }

    /** Runs a step unless the document's outcome is already decided, turning its own failures into FAILED. */
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
        if (Failures.isTransient(error)) {
            throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        }
        return work.decided(DocumentOutcome.failed(work.path(), Failures.describe(error)));
    }
}
