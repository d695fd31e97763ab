package io.syncline.sync;

import io.syncline.chunking.TokenChunker;
import io.syncline.embedding.Embedder;
import io.syncline.source.Change;
import io.syncline.source.Source;
import io.syncline.source.SourceSpec;
import io.syncline.source.Sources;
import io.syncline.store.ChunkStore;
import io.syncline.store.DeadLetter;
import io.syncline.store.DocumentRecord;
import io.syncline.store.DocumentRef;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Sink;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one attempt of a sync job from its checkpoint to its end: plan, documents, and for a full sync the sweep.
 * It keeps no state beyond the run: whatever must survive a crash goes to the {@link ProgressListener}.
 */
public final class SyncJob {

    private final IndexServices services;

    public SyncJob(IndexServices services) {
        this.services = services;
    }

    /** The final mode and totals of a run that reached its end. */
    public record Result(SyncMode mode, SyncCounts counts) {
    }

    /**
     * Fetches the source and resolves a ref (null: the source's branch) to the revision a job will sync to.
     * Blocking work, done on the blocking dispatcher.
     */
    public CompletionStage<String> resolve(String workspace, SourceSpec spec, String ref) {
        return CompletableFuture.supplyAsync(() -> {
            SourceSpec allowed = services.sourcePolicy().apply(spec);
            try (Source source = Sources.open(allowed, services.sourceCaches().of(workspace, spec.id()))) {
                return source.resolve(ref);
            }
        }, services.blocking());
    }

    /** Runs the job from its checkpoint to its end; the kill switch aborts it. */
    public CompletionStage<Result> run(JobInput job, ProgressListener listener, SharedKillSwitch killSwitch) {
        return CompletableFuture
                .supplyAsync(() -> {
                    SourceSpec allowed = services.sourcePolicy().apply(job.source());
                    return Sources.open(allowed, services.sourceCaches().of(job.workspace(), allowed.id()));
                }, services.blocking())
                .thenCompose(source -> runWith(source, job, listener, killSwitch)
                        .whenComplete((result, error) -> source.close()));
    }

    private CompletionStage<Result> runWith(Source source, JobInput job, ProgressListener listener,
                                            SharedKillSwitch killSwitch) {
        return deadLetters(job).thenCompose(deadLetters -> CompletableFuture
                .supplyAsync(() -> {
                    source.prepare(job.toRevision());
                    Collection<String> retry = job.mode() == SyncMode.RETRY ? job.paths() : deadLetters.keySet();
                    SyncPlan plan = SyncPlanner.plan(source, job.mode(), job.fromRevision(), job.toRevision(), retry);
                    Embedder embedder = services.embedders().forSpec(job.config().embedding());
                    ChunkStore chunks = services.chunks(embedder.dimension()); // may create its table: blocking
                    return new Prepared(plan, embedder, chunks);
                }, services.blocking())
                .thenCompose(prepared -> listener.planned(prepared.plan().mode(), prepared.plan().changes().size())
                        .thenCompose(done -> runPlan(source, job, prepared, deadLetters, listener, killSwitch))));
    }

    /** What planning made: the plan, the embedder, the chunk table. */
    private record Prepared(SyncPlan plan, Embedder embedder, ChunkStore chunks) {
    }

    /** The source's dead letters by path, as this run starts. */
    private CompletionStage<Map<String, DeadLetter>> deadLetters(JobInput job) {
        return services.deadLetters().list(job.workspace())
                .filter(letter -> letter.source().equals(job.source().id()))
                .runWith(Sink.seq(), services.system())
                .thenApply(letters -> {
                    Map<String, DeadLetter> byPath = new ConcurrentHashMap<>();
                    letters.forEach(letter -> byPath.put(letter.path(), letter));
                    return byPath;
                });
    }

    private CompletionStage<Result> runPlan(Source source, JobInput job, Prepared prepared,
                                            Map<String, DeadLetter> deadLetters, ProgressListener listener,
                                            SharedKillSwitch killSwitch) {
        SyncPlan plan = prepared.plan();
        TokenChunker chunker = TokenChunker.forEmbedding(job.config().embedding(), job.config().chunking());
        DocumentIndexer indexer = new DocumentIndexer(job, source, chunker, services, prepared.embedder().modelKey(),
                prepared.chunks(), deadLetters);
        GroupEmbedder groups = new GroupEmbedder(new SingleFlightEmbedder(prepared.embedder(),
                services.embeddingCache(), services.inFlightEmbeddings()));
        Progress progress = new Progress(job.counts(), listener);

        List<Change> todo = plan.changes().stream().filter(c -> !job.checkpoint().covers(c.path())).toList();
        CompletionStage<Done> documents = org.apache.pekko.stream.javadsl.Source.from(todo)
                .via(killSwitch.flow())
                .via(SyncPipeline.flow(indexer, groups, services.settings()))
                .via(progress.checkpoints(Checkpoint.Phase.DOCUMENTS, services.settings()))
                .runWith(Sink.ignore(), services.system())
                .handle((done, error) -> error)
                .thenCompose(error -> writesEnded(job).thenCompose(drained -> error == null
                        ? CompletableFuture.completedFuture(Done.getInstance())
                        : CompletableFuture.<Done>failedFuture(error)));
        if (!plan.sweeps()) {
            return documents.thenApply(done -> new Result(plan.mode(), progress.counts()));
        }
        Set<String> present = new HashSet<>();
        plan.changes().forEach(c -> present.add(c.path()));
        return documents
                .thenCompose(done -> listener.checkpoint(new Checkpoint(Checkpoint.Phase.SWEEP, null),
                        progress.counts(), List.of()))
                .thenCompose(done -> sweep(job, present, prepared.chunks(), deadLetters)
                        .via(killSwitch.flow())
                        .via(progress.checkpoints(Checkpoint.Phase.SWEEP, services.settings()))
                        .runWith(Sink.ignore(), services.system()))
                .thenApply(done -> new Result(plan.mode(), progress.counts()));
    }

    /**
     * Completes once the job's document writes have ended. An aborted stream fails at once while the writes its
     * last stage had started go on; the run ends only after them, so that whoever waits for the run (a cleanup of
     * the source) finds nothing of it still writing. A stream that has ended starts no write, so none is missed.
     */
    private CompletionStage<Void> writesEnded(JobInput job) {
        return services.inFlightWrites().drained(job.workspace(), job.source().id());
    }

    /**
     * Removes every indexed document of the source that the target revision no longer has, and the dead letters of
     * documents that are gone.
     */
    private org.apache.pekko.stream.javadsl.Source<DocumentOutcome, NotUsed> sweep(JobInput job, Set<String> present,
                                                                                 ChunkStore chunks,
                                                                                 Map<String, DeadLetter> deadLetters) {
        String generation = job.config().generation();
        List<DeadLetter> goneLetters = deadLetters.values().stream().filter(l -> !present.contains(l.path()))
                .toList();
        CompletionStage<Done> lettersCleared = org.apache.pekko.stream.javadsl.Source.from(goneLetters)
                .mapAsync(services.settings().storeParallelism(), letter -> {
                    deadLetters.remove(letter.path());
                    return services.deadLetters().delete(job.workspace(), letter.id());
                })
                .runWith(Sink.ignore(), services.system());
        return org.apache.pekko.stream.javadsl.Source.completionStage(lettersCleared)
                .flatMapConcat(done -> services.documents().list(job.workspace(), generation, job.source().id()))
                .filter(doc -> !present.contains(doc.path()))
                .mapAsync(services.settings().storeParallelism(), (DocumentRecord doc) -> {
                    DocumentRef ref = new DocumentRef(job.workspace(), generation, job.source().id(), doc.path());
                    return chunks.deleteDocument(ref)
                            .thenCompose(done -> services.documents().delete(ref))
                            .thenApply(done -> new DocumentOutcome(doc.path(), DocumentOutcome.Result.DELETED, 0, 0,
                                    doc.chunkHashes().size(), null));
                });
    }

    /** Adds outcomes up and hands a checkpoint to the listener every so many documents or seconds. */
    private static final class Progress {

        private final AtomicReference<SyncCounts> counts;
        private final ProgressListener listener;

        Progress(SyncCounts start, ProgressListener listener) {
            this.counts = new AtomicReference<>(start);
            this.listener = listener;
        }

        SyncCounts counts() {
            return counts.get();
        }

        org.apache.pekko.stream.javadsl.Flow<DocumentOutcome, Done, NotUsed> checkpoints(Checkpoint.Phase phase,
                                                                                        PipelineSettings settings) {
            // Each outcome carries the totals up to and including it, so that a checkpoint's totals match its
            // last path exactly even though outcomes run ahead of the checkpoints being persisted.
            return org.apache.pekko.stream.javadsl.Flow.of(DocumentOutcome.class)
                    .map(outcome -> new Counted(outcome, counts.updateAndGet(c -> c.plus(outcome))))
                    .groupedWithin(settings.checkpointEvery(), settings.checkpointInterval())
                    .mapAsync(1, batch -> {
                        Counted last = batch.get(batch.size() - 1);
                        List<DocumentOutcome> failures = batch.stream().map(Counted::outcome)
                                .filter(o -> o.result() == DocumentOutcome.Result.FAILED).toList();
                        String lastPath = phase == Checkpoint.Phase.DOCUMENTS ? last.outcome().path() : null;
                        return listener.checkpoint(new Checkpoint(phase, lastPath), last.counts(), failures);
                    });
        }

        private record Counted(DocumentOutcome outcome, SyncCounts counts) {
        }
    }
}
